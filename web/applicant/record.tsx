import { Card, Descriptions, Image, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../app/states.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { FormSummary } from './form-summary.tsx';
import { useDistricts, useMyRecord } from './queries.ts';
import { nameOfPath } from './field-names.ts';

const PERSON_STATUS: Record<string, { zh: string; en: string }> = {
  active: { zh: '在本省管理', en: 'Kept here' },
  transferredOut: { zh: '已调出', en: 'Transferred out' },
};

/** 我的信息: the linked record, every module — the form, continuing education, talents, credits, materials, history. */
export function MyRecord() {
  const { t, lang, label } = useI18n();
  const record = useMyRecord();
  const districts = useDistricts();
  if (record.isPending) return <Loading />;
  if (record.isError) return <ErrorState error={record.error} retry={() => record.refetch()} />;
  const r = record.data;
  if (!r) {
    return (
      <Card>
        <EmptyState
          text={t(
            '您还没有已建档的会计人员信息；信息采集审核通过后即可在此查看。',
            'No record yet: it appears once a collection is approved.',
          )}
        >
          <Link to="/applicant/collection">{t('去信息采集', 'Start a collection')}</Link>
        </EmptyState>
      </Card>
    );
  }
  const district = districts.data?.districts.find((d) => d.code === r.districtCode);
  // A whole part (an education list, the work unit) is shown in full above; its history says that it changed.
  const historyValue = (field: string, v: unknown) => {
    if (v == null || v === '') return '—';
    if (typeof v === 'object') return t('（整项更新，见上方当前信息）', '(replaced as a whole; see above)');
    const set = field === 'situation' ? 'situations' : field === 'districtBasis' ? 'districtBases' : null;
    if (set) return label(set, String(v));
    if (field === 'districtCode' || field.endsWith('District')) {
      const d = districts.data?.districts.find((x) => x.code === v);
      return d ? (lang === 'zh' ? d.zh : d.en) : String(v);
    }
    return String(v);
  };
  const status = PERSON_STATUS[r.status];
  return (
    <section aria-labelledby="record-heading" data-testid="my-record">
      <Typography.Title level={2} id="record-heading" className="page-heading">
        {t('我的信息', 'My record')}
      </Typography.Title>
      <Card>
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} className="summary-section">
          <Descriptions.Item label={t('档案号', 'Archive number')}>{r.archiveNo}</Descriptions.Item>
          <Descriptions.Item label={t('所属区', 'District')}>
            {district ? (lang === 'zh' ? district.zh : district.en) : r.districtCode}
          </Descriptions.Item>
          <Descriptions.Item label={t('档案状态', 'Status')}>
            <Tag data-testid="record-status">{status ? status[lang] : t('未知', 'Unknown')}</Tag>
          </Descriptions.Item>
        </Descriptions>
        <FormSummary form={{ ...r, district: { code: r.districtCode, basis: r.districtBasis } }} />
      </Card>
      <Card className="timeline-card" title={<h3 className="card-heading">{t('继续教育', 'Continuing education')}</h3>}>
        <Table
          size="small"
          rowKey="year"
          pagination={false}
          dataSource={r.continuingEducation?.years ?? []}
          locale={{ emptyText: t('暂无继续教育记录', 'No records') }}
          columns={[
            { title: t('年度', 'Year'), dataIndex: 'year' },
            { title: t('总学分', 'Credits'), dataIndex: 'totalCredits' },
            { title: t('专业科目学分', 'Professional'), dataIndex: 'professionalCredits' },
            {
              title: t('是否达标', 'Complete'),
              dataIndex: 'complete',
              render: (v: boolean) => <Tag color={v ? 'green' : 'orange'}>{v ? t('已达标', 'Complete') : t('未达标', 'Incomplete')}</Tag>,
            },
          ]}
        />
      </Card>
      <Card className="timeline-card" title={<h3 className="card-heading">{t('高端会计人才与信用记录', 'Talents and credit records')}</h3>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {(r.talents ?? []).length === 0 && (r.credits ?? []).length === 0 && (
            <Typography.Text type="secondary">{t('暂无记录', 'None')}</Typography.Text>
          )}
          {(r.talents ?? []).map((x: Record<string, any>) => (
            <div key={x.id}>
              <Tag color="gold">{label('talentTypes', x.type)}</Tag> {x.year}
            </div>
          ))}
          {(r.credits ?? []).map((x: Record<string, any>) => (
            <div key={x.id}>
              <Tag color={x.kind === 'untrustworthy' ? 'red' : 'green'}>{label('creditKinds', x.kind)}</Tag> {x.occurredOn} {x.issuer}{' '}
              {x.description}
            </div>
          ))}
        </Space>
      </Card>
      <Card className="timeline-card" title={<h3 className="card-heading">{t('已存档材料', 'Materials on record')}</h3>}>
        <Space wrap size="large">
          {(r.materials ?? []).map((m: Record<string, any>) => (
            <figure key={m.kind} className="material-figure">
              <Image src={m.href} width={m.kind === 'photo' ? 114 : 160} alt={label('materialKinds', m.kind)} />
              <figcaption>{label('materialKinds', m.kind)}</figcaption>
            </figure>
          ))}
        </Space>
      </Card>
      <Card className="timeline-card" title={<h3 className="card-heading">{t('变更历史', 'History')}</h3>}>
        <Table
          size="small"
          rowKey={(h: Record<string, any>) => `${h.at}-${h.field}`}
          pagination={{ pageSize: 10 }}
          scroll={{ x: true }}
          dataSource={r.history ?? []}
          locale={{ emptyText: t('暂无变更', 'No changes') }}
          columns={[
            { title: t('时间', 'When'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
            { title: t('项目', 'Field'), dataIndex: 'field', render: (v: string) => nameOfPath(v, lang) },
            {
              title: t('原值', 'Before'),
              dataIndex: 'oldValue',
              render: (v: unknown, h: Record<string, any>) => historyValue(h.field, v),
            },
            {
              title: t('新值', 'After'),
              dataIndex: 'newValue',
              render: (v: unknown, h: Record<string, any>) => historyValue(h.field, v),
            },
          ]}
        />
      </Card>
    </section>
  );
}
