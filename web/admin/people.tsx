import { Button, Card, Descriptions, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { ErrorState, Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { type PersonListItem, type PersonSearch, useDistricts, usePeople, usePersonRecord } from './queries.ts';

const PAGE_SIZE = 20;

/** A module of the record as text: lists and objects in full, plain values as they are. */
const shown = (v: unknown) => (v == null || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v, null, 2) : String(v));

/** 人员查询: a masked list; opening a record asks why, and the read is logged with that reason. */
export function PeoplePage() {
  const { t, lang, label } = useI18n();
  const [query, setQuery] = useState<PersonSearch>({ page: 1, pageSize: PAGE_SIZE });
  const [asking, setAsking] = useState<PersonListItem | null>(null);
  const [reasonText, setReasonText] = useState('');
  const [open, setOpen] = useState<{ person: PersonListItem; reason: string } | null>(null);
  const districts = useDistricts();
  const people = usePeople(query);
  const record = usePersonRecord(open?.person.personId ?? null, open?.reason ?? '');
  const districtOptions = (districts.data?.districts ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }));

  return (
    <section aria-labelledby="people-heading" data-testid="people-search">
      <Typography.Title level={2} id="people-heading" className="page-heading">
        {t('人员查询', 'People')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          onFinish={(v: { name?: string; unit?: string; district?: string }) =>
            setQuery({ name: v.name?.trim(), unit: v.unit?.trim(), district: v.district, page: 1, pageSize: PAGE_SIZE })
          }
        >
          <Form.Item name="name" label={t('姓名', 'Name')}>
            <Input allowClear data-testid="search-name" maxLength={50} />
          </Form.Item>
          <Form.Item name="unit" label={t('工作单位', 'Work unit')}>
            <Input allowClear data-testid="search-unit" maxLength={100} />
          </Form.Item>
          <Form.Item name="district" label={t('所属区', 'District')}>
            <Select allowClear style={{ minWidth: 160 }} options={districtOptions} data-testid="search-district" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid="search-submit">
              {t('查询', 'Search')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {people.isError ? (
        <ErrorState error={people.error} retry={() => people.refetch()} />
      ) : (
        <Table<PersonListItem>
          data-testid="people-table"
          rowKey="personId"
          size="small"
          scroll={{ x: true }}
          loading={people.isFetching}
          dataSource={people.data?.items ?? []}
          pagination={{
            current: query.page,
            pageSize: PAGE_SIZE,
            total: people.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => setQuery((q) => ({ ...q, page })),
          }}
          columns={[
            { title: t('姓名', 'Name'), dataIndex: 'name' },
            { title: t('档案号', 'Archive number'), dataIndex: 'archiveNo' },
            { title: t('性别', 'Sex'), dataIndex: 'sex', render: (v: string) => label('sexes', v) },
            { title: t('所属区', 'District'), dataIndex: 'districtName', render: (v: string | null, r) => v ?? r.districtCode },
            { title: t('工作单位', 'Work unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
            { title: t('手机', 'Mobile'), dataIndex: 'mobile' },
            {
              title: t('最高专业技术资格', 'Highest qualification'),
              dataIndex: 'qualificationLevel',
              render: (v: string | null) => label('qualificationLevels', v),
            },
            {
              title: t('操作', 'Action'),
              key: 'open',
              render: (_, r) => (
                <Button
                  size="small"
                  data-testid={`open-record-${r.personId}`}
                  onClick={() => {
                    setReasonText('');
                    setAsking(r);
                  }}
                >
                  {t('查看档案', 'Open record')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={asking !== null}
        title={t('访问理由', 'Access reason')}
        okText={t('查看', 'Open')}
        okButtonProps={{ disabled: reasonText.trim() === '', 'data-testid': 'access-reason-ok' } as never}
        onCancel={() => setAsking(null)}
        onOk={() => {
          if (asking) setOpen({ person: asking, reason: reasonText.trim() });
          setAsking(null);
        }}
      >
        <Typography.Paragraph type="secondary">
          {t('查看完整档案将记入访问日志，请说明理由。', 'Opening the full record is logged; say why.')}
        </Typography.Paragraph>
        <Input.TextArea
          data-testid="access-reason"
          aria-label={t('访问理由', 'Access reason')}
          maxLength={200}
          rows={3}
          value={reasonText}
          onChange={(e) => setReasonText(e.target.value)}
        />
      </Modal>
      {open && (
        <Card
          style={{ marginTop: 16 }}
          title={`${open.person.name} · ${t('档案', 'Record')}`}
          extra={<Button onClick={() => setOpen(null)}>{t('关闭', 'Close')}</Button>}
          data-testid="person-record"
        >
          {record.isPending ? (
            <Loading />
          ) : record.isError ? (
            <ErrorState error={record.error} retry={() => record.refetch()} />
          ) : (
            <Descriptions bordered size="small" column={1}>
              {Object.entries(record.data ?? {}).map(([module, value]) => (
                <Descriptions.Item key={module} label={module}>
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{shown(value)}</pre>
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Card>
      )}
    </section>
  );
}
