import { Table, Typography } from 'antd';
import { useState } from 'react';
import { ErrorState } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { type AccessLogEntry, useAccessLog } from './queries.ts';

const PAGE_SIZE = 50;

/** 访问日志: who read which person's record or material, when, and why. */
export function AccessLogPage() {
  const { t, label } = useI18n();
  const [page, setPage] = useState(1);
  const log = useAccessLog({ page, pageSize: PAGE_SIZE });
  return (
    <section aria-labelledby="access-log-heading" data-testid="access-log">
      <Typography.Title level={2} id="access-log-heading" className="page-heading">
        {t('访问日志', 'Access log')}
      </Typography.Title>
      {log.isError ? (
        <ErrorState error={log.error} retry={() => log.refetch()} />
      ) : (
        <Table<AccessLogEntry>
          data-testid="access-log-table"
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          loading={log.isFetching}
          dataSource={log.data?.items ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: log.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
          columns={[
            { title: t('时间', 'When'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
            { title: t('用户', 'User'), dataIndex: 'username', render: (v: string | null, r) => v ?? r.userId },
            { title: t('角色', 'Role'), dataIndex: 'role', render: (v: string) => label('roles', v) },
            { title: t('访问内容', 'Resource'), dataIndex: 'resource', render: (v: string) => label('accessResources', v) },
            { title: t('人员', 'Person'), dataIndex: 'personId', render: (v: string | null) => v ?? '—' },
            { title: t('申请', 'Request'), dataIndex: 'requestId', render: (v: string | null) => v ?? '—' },
            { title: t('材料', 'Material'), dataIndex: 'materialKind', render: (v: string | null) => label('materialKinds', v) },
            {
              title: t('理由', 'Reason'),
              dataIndex: 'reason',
              // Reading a request for its review gives no reason of its own.
              render: (v: string) => (v === 'review' ? t('审核', 'Review') : v),
            },
          ]}
        />
      )}
    </section>
  );
}
