import { Button, Card, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { AccessReasonModal } from './access-reason.tsx';
import type { RecordPageState } from './person-record.tsx';
import { type PersonListItem, type PersonSearch, useDistricts, usePeople } from './queries.ts';

const PAGE_SIZE = 20;

type Criteria = { name?: string; unit?: string; district?: string };

/** The search kept in the page's address, so that coming back from a record finds the same list. */
function useSearch(): [PersonSearch, (criteria: Criteria, page: number) => void] {
  const [params, setParams] = useSearchParams();
  const text = (k: string) => params.get(k) || undefined;
  const query: PersonSearch = {
    name: text('name'),
    unit: text('unit'),
    district: text('district'),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const set = (c: Criteria, page: number) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(c)) if (v) next.set(k, v);
    if (page > 1) next.set('page', String(page));
    setParams(next);
  };
  return [query, set];
}

/** 人员查询: a masked list; opening a record asks why, and the read is logged with that reason. */
export function PeoplePage() {
  const { t, lang, label } = useI18n();
  const navigate = useNavigate();
  const [query, setQuery] = useSearch();
  const [asking, setAsking] = useState<PersonListItem | null>(null);
  const districts = useDistricts();
  const people = usePeople(query);
  const districtOptions = (districts.data?.districts ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }));

  return (
    <section aria-labelledby="people-heading" data-testid="people-search">
      <Typography.Title level={2} id="people-heading" className="page-heading">
        {t('人员查询', 'People')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          initialValues={{ name: query.name, unit: query.unit, district: query.district }}
          onFinish={(v: Criteria) => setQuery({ name: v.name?.trim(), unit: v.unit?.trim(), district: v.district }, 1)}
        >
          <Form.Item name="name" label={t('姓名', 'Name')}>
            <Input allowClear data-testid="search-name" maxLength={50} />
          </Form.Item>
          <Form.Item name="unit" label={t('工作单位', 'Work unit')}>
            <Input allowClear data-testid="search-unit" maxLength={100} />
          </Form.Item>
          <Form.Item name="district" label={t('所属区', 'District')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 160 }}
              options={districtOptions}
              data-testid="search-district"
            />
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
            // Counted up to 2,000 (100 pages): past that the search is narrowed.
            showTotal: (n) =>
              people.data?.totalExact === false
                ? t(`超过 ${n} 人，请缩小查询范围`, `More than ${n} people: narrow the search`)
                : t(`共 ${n} 人`, `${n} people`),
            showSizeChanger: false,
            onChange: (page) => setQuery(query, page),
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
                <Button size="small" data-testid={`open-record-${r.personId}`} onClick={() => setAsking(r)}>
                  {t('查看档案', 'Open record')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <AccessReasonModal
        open={asking !== null}
        onCancel={() => setAsking(null)}
        onOk={(reason) => {
          if (asking) {
            const state: RecordPageState = { reason, name: asking.name, fromList: true };
            navigate(`/console/people/${asking.personId}`, { state });
          }
          setAsking(null);
        }}
      />
    </section>
  );
}
