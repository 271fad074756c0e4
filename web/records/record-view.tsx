import { Card, Descriptions, Image, Space, Table, Tag, Typography } from 'antd';
import { FormSummary } from '../applicant/form-summary.tsx';
import { nameOfPath } from '../applicant/field-names.ts';
import { useDistricts } from '../applicant/queries.ts';
import { useI18n } from '../lib/i18n.tsx';
import { label as labelOf } from '../lib/labels.ts';
import './record-view.css';

const PERSON_STATUS: Record<string, { zh: string; en: string }> = {
  active: { zh: '在本省管理', en: 'Kept here' },
  transferredOut: { zh: '已调出', en: 'Transferred out' },
};

export interface RecordViewProps {
  /** The linked record as `GET /people/{personId}/record` answers it. */
  record: Record<string, any>;
  /** The address a material is shown from (staff add their access reason to it). */
  materialHref?: (href: string) => string;
}

/**
 * A linked record (档案), every module as readable sections: the form, continuing education, talents,
 * credits, materials, history. Shown to the person themself and to the administrator alike.
 */
export function RecordView({ record: r, materialHref = (href) => href }: RecordViewProps) {
  const { t, lang, label } = useI18n();
  const districts = useDistricts();
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
  const historyField = (field: string) =>
    labelOf('recordModules', field, 'en') !== 'Unknown' ? label('recordModules', field) : nameOfPath(field, lang);
  const status = PERSON_STATUS[r.status];
  return (
    <div className="record-view">
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
        {/* The archive number is the ID number (or passport number): the basic part shows it as such. */}
        <FormSummary
          form={{ ...r, basic: { idNumber: r.archiveNo, ...r.basic }, district: { code: r.districtCode, basis: r.districtBasis } }}
        />
      </Card>
      <Card className="timeline-card" title={<h3 className="card-heading">{t('继续教育', 'Continuing education')}</h3>}>
        <Table
          size="small"
          rowKey="year"
          pagination={false}
          dataSource={r.continuingEducation?.years ?? []}
          locale={{ emptyText: t('暂无继续教育记录', 'No records') }}
          data-testid="record-ce-years"
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
        <Space direction="vertical" style={{ width: '100%' }} data-testid="record-talents-credits">
          {(r.talents ?? []).length === 0 && (r.credits ?? []).length === 0 && (
            <Typography.Text type="secondary">{t('暂无记录', 'None')}</Typography.Text>
          )}
          {(r.talents ?? []).map((x: Record<string, any>) => (
            <div key={x.id} data-testid="record-talent">
              <Tag color="gold">{label('talentTypes', x.type)}</Tag> {x.year}
            </div>
          ))}
          {(r.credits ?? []).map((x: Record<string, any>) => (
            <div key={x.id} data-testid="record-credit">
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
              <Image src={materialHref(m.href)} width={m.kind === 'photo' ? 114 : 160} alt={label('materialKinds', m.kind)} />
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
          data-testid="record-history"
          columns={[
            { title: t('时间', 'When'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
            { title: t('项目', 'Field'), dataIndex: 'field', render: (v: string) => historyField(v) },
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
    </div>
  );
}
