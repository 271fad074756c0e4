/** The steps of the guided collection form, in order; which of work / school appears depends on the situation. */
export type StepKey =
  | 'situation'
  | 'basic'
  | 'education'
  | 'work'
  | 'student'
  | 'qualifications'
  | 'district'
  | 'materials'
  | 'commitment'
  | 'summary';

export const STEP_TITLES: Record<StepKey, { zh: string; en: string }> = {
  situation: { zh: '人员类别', en: 'Situation' },
  basic: { zh: '基本信息', en: 'Basic' },
  education: { zh: '学历信息', en: 'Education' },
  work: { zh: '工作信息', en: 'Work' },
  student: { zh: '在校信息', en: 'School' },
  qualifications: { zh: '专业技术资格', en: 'Qualifications' },
  district: { zh: '所属区', en: 'District' },
  materials: { zh: '上传材料', en: 'Materials' },
  commitment: { zh: '承诺函', en: 'Commitment' },
  summary: { zh: '核对并提交', en: 'Check and submit' },
};

export function stepsFor(situation: string | undefined): StepKey[] {
  const middle: StepKey[] = situation === 'qualifiedStudent' ? ['student'] : situation === 'qualifiedNotWorking' ? [] : ['work'];
  return ['situation', 'basic', 'education', ...middle, 'qualifications', 'district', 'materials', 'commitment', 'summary'];
}

/** The step a violation's path belongs to (`basic.idNumber` → basic, `materials.photo` → materials). */
export function stepOfPath(path: string): StepKey | undefined {
  const head = path.split('.')[0];
  if (head === 'commitmentAccepted' || head === 'commitment') return 'commitment';
  return head && head in STEP_TITLES ? (head as StepKey) : undefined;
}
