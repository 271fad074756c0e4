import { Descriptions, Empty, Typography } from 'antd';
import { useI18n } from '../lib/i18n.tsx';
import type { LabelSet } from '../lib/labels.ts';
import type { FormParts } from './form-api.ts';
import { useDistricts } from './queries.ts';

type Row = [key: string, zh: string, en: string, set?: LabelSet];

const BASIC: Row[] = [
  ['name', '姓名', 'Name'],
  ['sex', '性别', 'Sex', 'sexes'],
  ['birthDate', '出生日期', 'Date of birth'],
  ['idType', '证件类型', 'ID type', 'idTypes'],
  ['idNumber', '证件号码', 'ID number'],
  ['nationality', '国籍/地区', 'Nationality', 'nationalities'],
  ['ethnicity', '民族', 'Ethnic group', 'ethnicities'],
  ['politicalStatus', '政治面貌', 'Political status', 'politicalStatuses'],
  ['mobile', '手机号码', 'Mobile'],
  ['email', '电子邮箱', 'Email'],
  ['address', '通讯地址', 'Address'],
];
const EDUCATION: Row[] = [
  ['school', '毕业院校', 'School'],
  ['major', '所学专业', 'Major'],
  ['level', '学历', 'Level', 'educationLevels'],
  ['degree', '学位', 'Degree', 'degrees'],
  ['studyMode', '学习形式', 'Study mode', 'studyModes'],
  ['enrolledOn', '入学时间', 'Enrolled'],
  ['graduatedOn', '毕业时间', 'Graduated'],
];
const WORK: Row[] = [
  ['unitName', '工作单位', 'Work unit'],
  ['unitCreditCode', '统一社会信用代码', 'Credit code'],
  ['unitKind', '单位性质', 'Unit kind', 'unitKinds'],
  ['economicType', '经济类型', 'Economic type', 'economicTypes'],
  ['unitDistrict', '单位所在区', 'District of the unit'],
  ['startedOn', '开始从事会计工作', 'Started'],
  ['posts', '会计工作岗位', 'Posts', 'accountingPosts'],
  ['administrativePost', '行政职务', 'Administrative post', 'administrativePosts'],
];
const STUDENT: Row[] = [
  ['school', '就读学校', 'School'],
  ['schoolDistrict', '学校所在区', 'District of the school'],
  ['studentNo', '学号', 'Student number'],
  ['enrolledOn', '入学时间', 'Enrolled'],
  ['expectedGraduation', '预计毕业', 'Expected graduation'],
];
const QUALIFICATION: Row[] = [
  ['type', '资格类别', 'Type', 'qualificationTypes'],
  ['level', '资格级别', 'Level', 'qualificationLevels'],
  ['wayObtained', '取得方式', 'Obtained by', 'waysObtained'],
  ['obtainedOn', '取得时间', 'Obtained on'],
  ['certificateNo', '证书编号', 'Certificate number'],
];

/** One part of a form or record as a list of labelled values; codes shown as their words. */
function Section({ title, rows, value, testId }: { title: string; rows: Row[]; value: Record<string, any> | undefined; testId: string }) {
  const { t, label, lang } = useI18n();
  const districts = useDistricts();
  const districtName = (code: string) => {
    const d = districts.data?.districts.find((x) => x.code === code);
    return d ? (lang === 'zh' ? d.zh : d.en) : code;
  };
  if (!value) {
    return (
      <Descriptions title={title} size="small" column={1} data-testid={testId}>
        <Descriptions.Item label={t('状态', 'State')}>
          <Typography.Text type="danger">{t('尚未填写', 'Not filled in')}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    );
  }
  const show = (key: string, set: LabelSet | undefined) => {
    const v = value[key];
    if (v == null || v === '') return '—';
    if (Array.isArray(v)) return v.map((x) => (set ? label(set, x) : String(x))).join('、');
    if (key.endsWith('District')) return districtName(String(v));
    return set ? label(set, String(v)) : String(v);
  };
  return (
    <Descriptions title={title} size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} data-testid={testId} className="summary-section">
      {rows.map(([key, zh, en, set]) => (
        <Descriptions.Item key={key} label={t(zh, en)}>
          {show(key, set)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

export function FormSummary({ form }: { form: FormParts }) {
  const { t, label, lang } = useI18n();
  const districts = useDistricts();
  const districtName = (code?: string) => {
    const d = districts.data?.districts.find((x) => x.code === code);
    return d ? (lang === 'zh' ? d.zh : d.en) : (code ?? '—');
  };
  const education = form.education ?? [];
  const qualifications = form.qualifications ?? [];
  return (
    <div className="form-summary">
      <Descriptions size="small" bordered column={1} className="summary-section" data-testid="summary-situation">
        <Descriptions.Item label={t('人员类别', 'Situation')}>{label('situations', form.situation)}</Descriptions.Item>
        <Descriptions.Item label={t('所属区', 'District')}>
          {form.district
            ? `${districtName(form.district.code)}（${label('districtBases', form.district.basis)}）`
            : t('尚未填写', 'Not filled in')}
        </Descriptions.Item>
      </Descriptions>
      <Section title={t('基本信息', 'Basic information')} rows={BASIC} value={form.basic} testId="summary-basic" />
      {education.length === 0 ? (
        <Section title={t('学历信息', 'Education')} rows={EDUCATION} value={undefined} testId="summary-education" />
      ) : (
        education.map((e, i) => (
          <Section
            key={JSON.stringify(e)}
            title={t(`学历 ${i + 1}`, `Education ${i + 1}`)}
            rows={EDUCATION}
            value={e}
            testId={`summary-education-${i}`}
          />
        ))
      )}
      {form.situation === 'accountingWork' && <Section title={t('工作信息', 'Work')} rows={WORK} value={form.work} testId="summary-work" />}
      {form.situation === 'qualifiedStudent' && (
        <Section title={t('在校信息', 'School')} rows={STUDENT} value={form.student} testId="summary-student" />
      )}
      {qualifications.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('未填写专业技术资格', 'No qualification listed')} />
      ) : (
        qualifications.map((q, i) => (
          <Section
            key={JSON.stringify(q)}
            title={t(`专业技术资格 ${i + 1}`, `Qualification ${i + 1}`)}
            rows={QUALIFICATION}
            value={q}
            testId={`summary-qualification-${i}`}
          />
        ))
      )}
    </div>
  );
}

export { BASIC, EDUCATION, QUALIFICATION, STUDENT, WORK, Section };
