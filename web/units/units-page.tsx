import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { components } from '../../api-client/index.ts';
import { ErrorState } from '../app/states.tsx';
import { api, unwrap } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { messageOf } from '../lib/problems.ts';

type EmployerUnit = components['schemas']['EmployerUnit'];
type Status = 'pending' | 'confirmed';

/**
 * 用人单位确认: registered units, those awaiting confirmation first. Administrators see every district's,
 * reviewers their own districts' (the API decides); confirming lets the unit see its accountants.
 */
export function UnitsPage() {
  const { t, lang, label } = useI18n();
  const [status, setStatus] = useState<Status>('pending');
  const qc = useQueryClient();
  const units = useQuery({
    queryKey: ['units', status],
    queryFn: () => unwrap(api.GET('/units', { params: { query: { status } } })),
  });
  const confirm = useMutation({
    mutationFn: (unitId: string) => unwrap(api.POST('/units/{unitId}/confirm', { params: { path: { unitId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['units'] }),
  });
  return (
    <section aria-labelledby="units-heading" data-testid="units-page">
      <Typography.Title level={2} id="units-heading" className="page-heading">
        {t('用人单位确认', 'Employer units')}
      </Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented
          aria-label={t('状态筛选', 'Status filter')}
          data-testid="units-filter"
          value={status}
          onChange={(v) => setStatus(v as Status)}
          options={[
            { value: 'pending', label: label('unitStatus', 'pending') },
            { value: 'confirmed', label: label('unitStatus', 'confirmed') },
          ]}
        />
        {confirm.isError && <Alert type="error" showIcon role="alert" message={messageOf(confirm.error, lang)} />}
        {units.isError ? (
          <ErrorState error={units.error} retry={() => units.refetch()} />
        ) : (
          <Table<EmployerUnit>
            data-testid="units-table"
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            loading={units.isFetching}
            dataSource={units.data?.items ?? []}
            locale={{ emptyText: t('暂无单位', 'No unit') }}
            columns={[
              { title: t('单位名称', 'Unit'), dataIndex: 'name' },
              { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'creditCode' },
              { title: t('所在区', 'District'), dataIndex: 'districtCode' },
              { title: t('经办人', 'Contact'), dataIndex: 'contactName' },
              { title: t('联系电话', 'Phone'), dataIndex: 'phone' },
              { title: t('注册时间', 'Registered'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
              {
                title: t('状态', 'Status'),
                dataIndex: 'status',
                render: (s: Status, u) =>
                  s === 'confirmed' ? (
                    <Tag color="green">{label('unitStatus', s)}</Tag>
                  ) : (
                    <Button
                      size="small"
                      type="primary"
                      data-testid={`confirm-unit-${u.creditCode}`}
                      loading={confirm.isPending && confirm.variables === u.id}
                      onClick={() => confirm.mutate(u.id)}
                    >
                      {t('确认单位', 'Confirm')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Space>
    </section>
  );
}
