import { Button, Card, Checkbox, Form, Input, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../app/states.tsx';
import { type ApiProblem, isProblem, showViolations } from '../lib/problems.ts';
import { useI18n } from '../lib/i18n.tsx';
import { AccessReasonModal } from './access-reason.tsx';
import type { RecordPageState } from './person-record.tsx';
import { type PersonListItem, type PersonSearch, useDistricts, usePeople } from './queries.ts';

const PAGE_SIZE = 20;

type Criteria = { name?: string; anywhere?: boolean; archiveNo?: string; unit?: string; district?: string };

/** The search's refusals of what was typed (a bad archive number, say): shown on their fields, not as a failed page. */
const refusesInput = (e: unknown): e is ApiProblem =>
  isProblem(e) && e.status === 400 && (e.problem.rule === 'search.archiveNo' || Boolean(e.problem.violations?.length));

/** The search kept in the page's address, so that coming back from a record finds the same list. */
function useSearch(): [PersonSearch, (criteria: Criteria, page: number) => boolean] {
  const [params, setParams] = useSearchParams();
  const text = (k: string) => params.get(k) || undefined;
  const query: PersonSearch = {
    name: text('name'),
    nameMatch: params.get('nameMatch') === 'contains' ? 'contains' : undefined,
    archiveNo: text('archiveNo'),
    unit: text('unit'),
    district: text('district'),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const set = (c: Criteria, page: number) => {
    const next = new URLSearchParams();
    const { anywhere, ...texts } = c;
    for (const [k, v] of Object.entries(texts)) if (v) next.set(k, v);
    if (anywhere && c.name) next.set('nameMatch', 'contains');
    if (page > 1) next.set('page', String(page));
    if (next.toString() === params.toString()) return false;
    setParams(next);
    return true;
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
  const [form] = Form.useForm<Criteria>();
  // A refusal of the search names its field (search.archiveNo, or a parameter's rule): it is shown there, in Chinese.
  useEffect(() => {
    const e = people.error;
    if (!refusesInput(e)) return;
    if (e.problem.rule === 'search.archiveNo') form.setFields([{ name: 'archiveNo', errors: [e.problem.detail_zh] }]);
    else showViolations(form, e, { strip: ['query'] });
  }, [people.error, form]);
  const districtOptions = (districts.data?.districts ?? []).map((d) => ({ value: d.code, label: lang === 'zh' ? d.zh : d.en }));

  return (
    <section aria-labelledby="people-heading" data-testid="people-search">
      <Typography.Title level={2} id="people-heading" className="page-heading">
        {t('人员查询', 'People')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="inline"
          initialValues={{
            name: query.name,
            anywhere: query.nameMatch === 'contains',
            archiveNo: query.archiveNo,
            unit: query.unit,
            district: query.district,
          }}
          // A field's refusal stands until the field is changed.
          onValuesChange={(changed: Criteria) => form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })) as never)}
          // 查询 again with the same criteria asks again (and shows a refusal again).
          onFinish={(v: Criteria) => {
            if (!setQuery({ ...v, name: v.name?.trim(), archiveNo: v.archiveNo?.trim(), unit: v.unit?.trim() }, 1)) void people.refetch();
          }}
        >
          <Form.Item name="name" label={t('姓名', 'Name')}>
            <Input allowClear data-testid="search-name" maxLength={50} />
          </Form.Item>
          <Form.Item name="anywhere" valuePropName="checked">
            <Checkbox data-testid="search-name-anywhere">{t('姓名中任意位置', 'Anywhere in the name')}</Checkbox>
          </Form.Item>
          <Form.Item
            name="archiveNo"
            label={t('档案号', 'Archive number')}
            style={{ maxWidth: 420 }}
            tooltip={t('完整的证件号码，或前6位（地区代码）', 'The whole ID number, or its first 6 characters (the area code)')}
          >
            <Input allowClear data-testid="search-archive-no" maxLength={30} />
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
      {people.isError && !refusesInput(people.error) ? (
        <ErrorState error={people.error} retry={() => people.refetch()} />
      ) : (
        <Table<PersonListItem>
          data-testid="people-table"
          rowKey="personId"
          size="small"
          scroll={{ x: true }}
          loading={people.isFetching}
          // A refused search lists nobody: the refusal is on its field, and the last list is not its answer.
          dataSource={refusesInput(people.error) ? [] : (people.data?.items ?? [])}
          pagination={{
            current: query.page,
            pageSize: PAGE_SIZE,
            total: refusesInput(people.error) ? 0 : (people.data?.total ?? 0),
            // Counted up to 2,000 (100 pages): past that the search is narrowed.
            showTotal: (n) =>
              people.data?.totalExact === false
                ? t(`超过 ${n} 人，请缩小查询范围`, `More than ${n} people: narrow the search`)
                : t(`共 ${n} 人`, `${n} people`),
            showSizeChanger: false,
            onChange: (page) => void setQuery(query, page),
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
