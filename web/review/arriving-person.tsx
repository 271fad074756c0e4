/**
 * Who arrives, for the reviewer who decides a transfer in or a district move: identity, where from, work
 * unit, qualifications, education, recent continuing education, talents and 失信 records.
 */
import { Alert, Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import type { components } from '../../api-client/index.ts';
import { EDUCATION, QUALIFICATION, Section, WORK } from '../applicant/form-summary.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { placeLabel } from './places.ts';

export type ArrivingPerson = NonNullable<components['schemas']['RequestDetail']['arriving']>;

export function ArrivingPersonCard({ person, kind }: { person: ArrivingPerson | null | undefined; kind: string }) {
  const { t, label, lang } = useI18n();
  if (person === undefined) return null;
  const title = kind === 'districtMove' ? t('调入人员（省内调转）', 'Who moves here (district move)') : t('调入人员', 'Who arrives');
  if (person === null) {
    return (
      <Card title={title} size="small" data-testid="arriving-person">
        <Empty
          description={t('暂时无法从全国平台读取此人的档案，请稍后刷新', 'The national record cannot be read just now; refresh shortly')}
        />
      </Card>
    );
  }
  const source =
    person.source === 'national'
      ? t(`全国平台档案第 ${person.nationalVersion ?? '—'} 版`, `National record, version ${person.nationalVersion ?? '—'}`)
      : t('本省档案', "This province's record");
  return (
    <Card title={title} size="small" data-testid="arriving-person" extra={<Tag>{source}</Tag>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label={t('姓名', 'Name')}>
            <span data-testid="arriving-name">{person.name ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('档案号（证件号码）', 'Archive number (ID)')}>
            <span data-testid="arriving-archive-no">{person.archiveNo}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('性别', 'Sex')}>{label('sexes', person.sex)}</Descriptions.Item>
          <Descriptions.Item label={t('出生日期', 'Date of birth')}>{person.birthDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('调出地', 'From')}>
            <span data-testid="arriving-from">{placeLabel(person.from, lang)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('调入地', 'To')}>
            <span data-testid="arriving-to">{placeLabel(person.to, lang)}</span>
          </Descriptions.Item>
        </Descriptions>
        {person.creditWarnings.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="arriving-credit-warnings"
            message={t(
              `档案中有 ${person.creditWarnings.length} 条失信记录`,
              `${person.creditWarnings.length} untrustworthiness record(s)`,
            )}
            description={
              <List
                size="small"
                dataSource={person.creditWarnings}
                renderItem={(w) => (
                  <List.Item>
                    {w.occurredOn} · {w.issuer} · {w.documentNo}：{w.description}
                  </List.Item>
                )}
              />
            }
          />
        )}
        {person.work ? (
          <Section
            title={t('工作单位', 'Work unit')}
            rows={WORK}
            // The unit's district may be another province's: named here, not looked up among this province's.
            value={{
              ...person.work,
              unitDistrict: placeLabel({ provinceCode: person.from.provinceCode, districtCode: person.work.unitDistrict }, lang),
            }}
            testId="arriving-work"
          />
        ) : (
          <Typography.Text type="secondary">{t('未从事会计工作', 'Not doing accounting work')}</Typography.Text>
        )}
        {person.qualifications.map((q, i) => (
          <Section
            key={`${q.type}-${q.level}-${q.certificateNo}`}
            title={t(`专业技术资格 ${i + 1}`, `Qualification ${i + 1}`)}
            rows={QUALIFICATION}
            value={q}
            testId={`arriving-qualification-${i}`}
          />
        ))}
        {person.education.map((e, i) => (
          <Section
            key={`${e.school}-${e.level}-${e.graduatedOn}`}
            title={t(`学历 ${i + 1}`, `Education ${i + 1}`)}
            rows={EDUCATION}
            value={e}
            testId={`arriving-education-${i}`}
          />
        ))}
        <Table
          size="small"
          data-testid="arriving-continuing-education"
          title={() => t('近年继续教育', 'Continuing education, recent years')}
          rowKey="year"
          pagination={false}
          dataSource={person.continuingEducation}
          columns={[
            { title: t('年度', 'Year'), dataIndex: 'year' },
            { title: t('记录数', 'Records'), dataIndex: 'records' },
            { title: t('总学分', 'Credits'), dataIndex: 'totalCredits', render: (v: number, r) => `${v} / ${r.requiredCredits}` },
            { title: t('专业科目学分', 'Professional'), dataIndex: 'professionalCredits' },
            {
              title: t('是否达标', 'Complete'),
              dataIndex: 'complete',
              render: (v: boolean) => <Tag color={v ? 'green' : 'orange'}>{label('ceStatus', v ? 'complete' : 'incomplete')}</Tag>,
            },
          ]}
        />
        {person.talents.length > 0 && (
          <Typography.Text data-testid="arriving-talents">
            {t('高端会计人才：', 'High-end talent: ')}
            {person.talents.map((x) => `${label('talentTypes', x.type)}（${x.year ?? '—'}）`).join(lang === 'zh' ? '、' : ', ')}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
