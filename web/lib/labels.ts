/**
 * Every code the API answers, as words: enumerations from domain/enums.ts, request states from
 * domain/statistics.ts, and the codes the pages meet elsewhere. A code without a label shows as 未知,
 * never as itself.
 */
import { type EnumerationName, enumerations } from '../../domain/enums.ts';
import { requestStates } from '../../domain/statistics.ts';

/** The pages' two languages. */
export type Lang = 'zh' | 'en';

type Entry = { code: string; zh: string; en: string };
const table = (list: readonly Entry[]) => new Map(list.map((e) => [e.code, e]));

const states = table(requestStates);
const extra = {
  roles: table([
    { code: 'applicant', zh: '会计人员', en: 'Accountant' },
    { code: 'reviewer', zh: '区财政局审核人员', en: 'District reviewer' },
    { code: 'admin', zh: '市财政局管理员', en: 'Administrator' },
    { code: 'employer', zh: '用人单位', en: 'Employer unit' },
  ]),
  formParts: table([
    { code: 'situation', zh: '采集对象类别', en: 'Situation' },
    { code: 'basic', zh: '基本信息', en: 'Basic information' },
    { code: 'education', zh: '学历信息', en: 'Education' },
    { code: 'work', zh: '工作信息', en: 'Work' },
    { code: 'qualifications', zh: '专业技术资格', en: 'Qualifications' },
    { code: 'district', zh: '所属区', en: 'District' },
    { code: 'contact', zh: '联系方式', en: 'Contact' },
    { code: 'transfer', zh: '调转信息', en: 'Transfer' },
  ]),
  events: table([
    { code: 'created', zh: '创建草稿', en: 'Draft created' },
    { code: 'submitted', zh: '提交申请', en: 'Submitted' },
    { code: 'returned', zh: '退回修改', en: 'Returned' },
    { code: 'resubmitted', zh: '修改后重新提交', en: 'Resubmitted' },
    { code: 'approved', zh: '审核通过', en: 'Approved' },
    { code: 'accepted', zh: '同意接收', en: 'Accepted' },
    { code: 'received', zh: '收到调入', en: 'Received' },
    { code: 'recorded', zh: '已建档', en: 'Recorded' },
    { code: 'uploaded', zh: '已上报全国平台', en: 'Uploaded' },
    { code: 'completed', zh: '已办结', en: 'Completed' },
    { code: 'refused', zh: '未被接收', en: 'Refused' },
    { code: 'expired', zh: '已过期', en: 'Expired' },
    { code: 'withdrawn', zh: '已撤回', en: 'Withdrawn' },
    { code: 'reminded', zh: '已提醒', en: 'Reminded' },
    { code: 'overdue', zh: '已超期', en: 'Overdue' },
  ]),
  /** Modules of a record that no request's form holds: administrators keep them. */
  recordModules: table([
    { code: 'talents', zh: '高端会计人才', en: 'High-end talent' },
    { code: 'credits', zh: '诚信记录', en: 'Credit records' },
  ]),
  accessResources: table([
    { code: 'request.detail', zh: '申请详情', en: 'Request' },
    { code: 'request.material', zh: '申请材料', en: 'Request material' },
    { code: 'person.record', zh: '人员档案', en: 'Person record' },
    { code: 'person.material', zh: '档案材料', en: 'Record material' },
    { code: 'unit.accountants', zh: '单位会计人员', en: "Unit's accountants" },
  ]),
  ceStatus: table([
    { code: 'complete', zh: '已达标', en: 'Complete' },
    { code: 'incomplete', zh: '未达标', en: 'Incomplete' },
  ]),
  unitStatus: table([
    { code: 'pending', zh: '待确认', en: 'Awaiting confirmation' },
    { code: 'confirmed', zh: '已确认', en: 'Confirmed' },
  ]),
};

export type LabelSet = EnumerationName | 'states' | keyof typeof extra;

const tables = new Map<LabelSet, Map<string, Entry>>([
  ...Object.entries(enumerations).map(([name, list]) => [name as LabelSet, table(list)] as const),
  ['states', states],
  ...Object.entries(extra).map(([name, t]) => [name as LabelSet, t] as const),
]);

/** The label of `code` in `set`, in Chinese unless English was chosen. */
export function label(set: LabelSet, code: string | null | undefined, lang: Lang = 'zh'): string {
  if (code == null || code === '') return lang === 'zh' ? '—' : '—';
  const e = tables.get(set)?.get(code);
  if (!e) return lang === 'zh' ? '未知' : 'Unknown';
  return lang === 'zh' ? e.zh : e.en;
}

/** The entries of an enumeration as antd Select options, labelled in the chosen language. */
export function optionsOf(set: LabelSet, lang: Lang = 'zh'): { value: string; label: string }[] {
  return [...(tables.get(set)?.values() ?? [])].map((e) => ({ value: e.code, label: lang === 'zh' ? e.zh : e.en }));
}
