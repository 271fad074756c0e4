/**
 * The enumerations of the information form (会计人员信息表), as data: each entry has a stable `code`
 * (what the API and the database store) and its Chinese and English names. Lists keep their display
 * order; where the order means something (education levels, qualification levels) it is the rank.
 */
import countriesFile from './regions/countries.json' with { type: 'json' };

export interface EnumEntry<C extends string = string> {
  readonly code: C;
  readonly zh: string;
  readonly en: string;
  /** The code of the national standard, where one exists (GB/T 3304 ethnic groups, GB/T 4762 political status). */
  readonly gb?: string;
}

type Entries = readonly [EnumEntry, ...EnumEntry[]];
type CodesOf<T extends Entries> = { -readonly [K in keyof T]: T[K] extends EnumEntry<infer C> ? C : never };

const entries = <const T extends Entries>(list: T): T => list;

/** The codes of an enumeration as a non-empty tuple, ready for `z.enum(...)`. */
export function codesOf<const T extends Entries>(list: T): CodesOf<T> {
  return list.map((e) => e.code) as CodesOf<T>;
}

export type CodeOf<T extends Entries> = T[number]['code'];

export const idTypes = entries([
  { code: 'mainlandId', zh: '居民身份证', en: 'Mainland resident ID card' },
  { code: 'residencePermit', zh: '港澳台居民居住证', en: 'Residence permit for Hong Kong, Macao and Taiwan residents' },
  { code: 'passport', zh: '外国护照', en: 'Foreign passport' },
]);
export type IdType = CodeOf<typeof idTypes>;

export const sexes = entries([
  { code: 'male', zh: '男', en: 'Male' },
  { code: 'female', zh: '女', en: 'Female' },
]);
export type Sex = CodeOf<typeof sexes>;

/** Ordered from lowest to highest. */
export const educationLevels = entries([
  { code: 'juniorOrBelow', zh: '初中及以下', en: 'Junior secondary or below' },
  { code: 'seniorHigh', zh: '高中', en: 'Senior high school' },
  { code: 'secondaryVocational', zh: '中专', en: 'Secondary vocational school' },
  { code: 'juniorCollege', zh: '大专', en: 'Junior college' },
  { code: 'bachelor', zh: '本科', en: 'Undergraduate (bachelor level)' },
  { code: 'master', zh: '硕士研究生', en: 'Postgraduate (master level)' },
  { code: 'doctor', zh: '博士研究生', en: 'Postgraduate (doctoral level)' },
]);
export type EducationLevel = CodeOf<typeof educationLevels>;

export const degrees = entries([
  { code: 'none', zh: '无', en: 'None' },
  { code: 'bachelor', zh: '学士', en: "Bachelor's degree" },
  { code: 'master', zh: '硕士', en: "Master's degree" },
  { code: 'doctor', zh: '博士', en: 'Doctorate' },
]);
export type Degree = CodeOf<typeof degrees>;

export const studyModes = entries([
  { code: 'fullTime', zh: '全日制', en: 'Full-time' },
  { code: 'partTime', zh: '非全日制', en: 'Part-time' },
]);
export type StudyMode = CodeOf<typeof studyModes>;

export const qualificationTypes = entries([
  { code: 'accounting', zh: '会计类', en: 'Accounting' },
  { code: 'auditing', zh: '审计类', en: 'Auditing' },
  { code: 'other', zh: '其他', en: 'Other' },
]);
export type QualificationType = CodeOf<typeof qualificationTypes>;

/** 会计专业技术资格, ordered from lowest to highest. */
export const qualificationLevels = entries([
  { code: 'junior', zh: '初级', en: 'Junior' },
  { code: 'intermediate', zh: '中级', en: 'Intermediate' },
  { code: 'senior', zh: '高级', en: 'Senior' },
  { code: 'professorSenior', zh: '正高级', en: 'Professor-level senior' },
]);
export type QualificationLevel = CodeOf<typeof qualificationLevels>;

const QUALIFICATION_RANK = new Map<string, number>(qualificationLevels.map((l, i) => [l.code, i]));

/** The highest of a list of qualification levels (正高级 > 高级 > 中级 > 初级), or undefined for none. */
export function highestQualificationLevel(levels: Iterable<QualificationLevel>): QualificationLevel | undefined {
  let best: QualificationLevel | undefined;
  for (const l of levels) if (best === undefined || QUALIFICATION_RANK.get(l)! > QUALIFICATION_RANK.get(best)!) best = l;
  return best;
}

const EDUCATION_RANK = new Map<string, number>(educationLevels.map((l, i) => [l.code, i]));

/** The highest of a list of education levels, or undefined for none. */
export function highestEducationLevel(levels: Iterable<EducationLevel>): EducationLevel | undefined {
  let best: EducationLevel | undefined;
  for (const l of levels) if (best === undefined || EDUCATION_RANK.get(l)! > EDUCATION_RANK.get(best)!) best = l;
  return best;
}

export const waysObtained = entries([
  { code: 'exam', zh: '考试', en: 'Examination' },
  { code: 'review', zh: '评审', en: 'Review' },
  { code: 'examAndReview', zh: '考评结合', en: 'Examination and review' },
]);
export type WayObtained = CodeOf<typeof waysObtained>;

/** The nine kinds of accounting work (会计工作岗位) of the Beijing notice. */
export const accountingPosts = entries([
  { code: 'cashier', zh: '出纳', en: 'Cashier' },
  { code: 'internalCheck', zh: '稽核', en: 'Internal checking' },
  {
    code: 'assetsLiabilitiesEquity',
    zh: '资产、负债和所有者权益（净资产）核算',
    en: "Accounting for assets, liabilities and owners' equity (net assets)",
  },
  { code: 'incomeExpenses', zh: '收入、费用（支出）核算', en: 'Accounting for income and expenses (expenditure)' },
  { code: 'financialResults', zh: '财务成果（政府预算执行结果）核算', en: 'Accounting for financial results (budget execution results)' },
  { code: 'financialReporting', zh: '财务会计报告（决算报告）编制', en: 'Preparing financial reports (final accounts)' },
  { code: 'supervision', zh: '会计监督', en: 'Accounting supervision' },
  { code: 'archives', zh: '会计机构内会计档案管理', en: 'Managing accounting archives within the accounting department' },
  { code: 'other', zh: '其他会计工作', en: 'Other accounting work' },
]);
export type AccountingPost = CodeOf<typeof accountingPosts>;

export const administrativePosts = entries([
  { code: 'general', zh: '一般会计人员', en: 'Accountant' },
  { code: 'supervisor', zh: '会计主管人员', en: 'Accounting supervisor' },
  { code: 'head', zh: '会计机构负责人', en: 'Head of the accounting department' },
  { code: 'chief', zh: '总会计师、财务总监', en: 'Chief accountant / chief financial officer' },
]);
export type AdministrativePost = CodeOf<typeof administrativePosts>;

/** 单位性质. */
export const unitKinds = entries([
  { code: 'government', zh: '机关', en: 'Government body' },
  { code: 'publicInstitution', zh: '事业单位', en: 'Public institution' },
  { code: 'enterprise', zh: '企业', en: 'Enterprise' },
  { code: 'socialOrganization', zh: '社会团体', en: 'Social organisation' },
  { code: 'privateNonEnterprise', zh: '民办非企业单位（社会服务机构）', en: 'Private non-enterprise unit (social service organisation)' },
  { code: 'individualBusiness', zh: '个体工商户', en: 'Individual business' },
  { code: 'other', zh: '其他', en: 'Other' },
]);
export type UnitKind = CodeOf<typeof unitKinds>;

/** 经济类型 of an enterprise. */
export const economicTypes = entries([
  { code: 'stateOwned', zh: '国有', en: 'State-owned' },
  { code: 'collective', zh: '集体', en: 'Collective' },
  { code: 'private', zh: '私营', en: 'Private' },
  { code: 'hkMacaoTaiwanInvested', zh: '港澳台商投资', en: 'Hong Kong, Macao or Taiwan invested' },
  { code: 'foreignInvested', zh: '外商投资', en: 'Foreign invested' },
  { code: 'other', zh: '其他', en: 'Other' },
]);
export type EconomicType = CodeOf<typeof economicTypes>;

/** 政治面貌, GB/T 4762. */
export const politicalStatuses = entries([
  { code: 'cpcMember', gb: '01', zh: '中国共产党党员', en: 'Member of the Communist Party of China' },
  { code: 'cpcProbationaryMember', gb: '02', zh: '中国共产党预备党员', en: 'Probationary member of the Communist Party of China' },
  { code: 'cylMember', gb: '03', zh: '中国共产主义青年团团员', en: 'Member of the Communist Youth League of China' },
  { code: 'rccMember', gb: '04', zh: '中国国民党革命委员会会员', en: 'Member of the Revolutionary Committee of the Chinese Kuomintang' },
  { code: 'cdlMember', gb: '05', zh: '中国民主同盟盟员', en: 'Member of the China Democratic League' },
  { code: 'cndcaMember', gb: '06', zh: '中国民主建国会会员', en: 'Member of the China National Democratic Construction Association' },
  { code: 'capdMember', gb: '07', zh: '中国民主促进会会员', en: 'Member of the China Association for Promoting Democracy' },
  { code: 'cpwdpMember', gb: '08', zh: '中国农工民主党党员', en: "Member of the Chinese Peasants' and Workers' Democratic Party" },
  { code: 'cztpMember', gb: '09', zh: '中国致公党党员', en: 'Member of the China Zhi Gong Party' },
  { code: 'jiusanMember', gb: '10', zh: '九三学社社员', en: 'Member of the Jiusan Society' },
  { code: 'tdslMember', gb: '11', zh: '台湾民主自治同盟盟员', en: 'Member of the Taiwan Democratic Self-Government League' },
  { code: 'nonPartisan', gb: '12', zh: '无党派人士', en: 'Non-partisan personage' },
  { code: 'masses', gb: '13', zh: '群众', en: 'Ordinary citizen (no affiliation)' },
]);
export type PoliticalStatus = CodeOf<typeof politicalStatuses>;

/** The 56 ethnic groups, GB/T 3304 order and codes. */
export const ethnicities = entries([
  { code: 'han', gb: '01', zh: '汉族', en: 'Han' },
  { code: 'mongol', gb: '02', zh: '蒙古族', en: 'Mongol' },
  { code: 'hui', gb: '03', zh: '回族', en: 'Hui' },
  { code: 'tibetan', gb: '04', zh: '藏族', en: 'Tibetan' },
  { code: 'uyghur', gb: '05', zh: '维吾尔族', en: 'Uyghur' },
  { code: 'miao', gb: '06', zh: '苗族', en: 'Miao' },
  { code: 'yi', gb: '07', zh: '彝族', en: 'Yi' },
  { code: 'zhuang', gb: '08', zh: '壮族', en: 'Zhuang' },
  { code: 'bouyei', gb: '09', zh: '布依族', en: 'Bouyei' },
  { code: 'korean', gb: '10', zh: '朝鲜族', en: 'Korean' },
  { code: 'manchu', gb: '11', zh: '满族', en: 'Manchu' },
  { code: 'dong', gb: '12', zh: '侗族', en: 'Dong' },
  { code: 'yao', gb: '13', zh: '瑶族', en: 'Yao' },
  { code: 'bai', gb: '14', zh: '白族', en: 'Bai' },
  { code: 'tujia', gb: '15', zh: '土家族', en: 'Tujia' },
  { code: 'hani', gb: '16', zh: '哈尼族', en: 'Hani' },
  { code: 'kazakh', gb: '17', zh: '哈萨克族', en: 'Kazakh' },
  { code: 'dai', gb: '18', zh: '傣族', en: 'Dai' },
  { code: 'li', gb: '19', zh: '黎族', en: 'Li' },
  { code: 'lisu', gb: '20', zh: '傈僳族', en: 'Lisu' },
  { code: 'va', gb: '21', zh: '佤族', en: 'Va' },
  { code: 'she', gb: '22', zh: '畲族', en: 'She' },
  { code: 'gaoshan', gb: '23', zh: '高山族', en: 'Gaoshan' },
  { code: 'lahu', gb: '24', zh: '拉祜族', en: 'Lahu' },
  { code: 'shui', gb: '25', zh: '水族', en: 'Shui' },
  { code: 'dongxiang', gb: '26', zh: '东乡族', en: 'Dongxiang' },
  { code: 'naxi', gb: '27', zh: '纳西族', en: 'Naxi' },
  { code: 'jingpo', gb: '28', zh: '景颇族', en: 'Jingpo' },
  { code: 'kyrgyz', gb: '29', zh: '柯尔克孜族', en: 'Kyrgyz' },
  { code: 'tu', gb: '30', zh: '土族', en: 'Tu' },
  { code: 'daur', gb: '31', zh: '达斡尔族', en: 'Daur' },
  { code: 'mulao', gb: '32', zh: '仫佬族', en: 'Mulao' },
  { code: 'qiang', gb: '33', zh: '羌族', en: 'Qiang' },
  { code: 'blang', gb: '34', zh: '布朗族', en: 'Blang' },
  { code: 'salar', gb: '35', zh: '撒拉族', en: 'Salar' },
  { code: 'maonan', gb: '36', zh: '毛南族', en: 'Maonan' },
  { code: 'gelao', gb: '37', zh: '仡佬族', en: 'Gelao' },
  { code: 'xibe', gb: '38', zh: '锡伯族', en: 'Xibe' },
  { code: 'achang', gb: '39', zh: '阿昌族', en: 'Achang' },
  { code: 'pumi', gb: '40', zh: '普米族', en: 'Pumi' },
  { code: 'tajik', gb: '41', zh: '塔吉克族', en: 'Tajik' },
  { code: 'nu', gb: '42', zh: '怒族', en: 'Nu' },
  { code: 'uzbek', gb: '43', zh: '乌孜别克族', en: 'Uzbek' },
  { code: 'russian', gb: '44', zh: '俄罗斯族', en: 'Russian' },
  { code: 'evenki', gb: '45', zh: '鄂温克族', en: 'Evenki' },
  { code: 'deang', gb: '46', zh: '德昂族', en: "De'ang" },
  { code: 'bonan', gb: '47', zh: '保安族', en: 'Bonan' },
  { code: 'yugur', gb: '48', zh: '裕固族', en: 'Yugur' },
  { code: 'gin', gb: '49', zh: '京族', en: 'Gin' },
  { code: 'tatar', gb: '50', zh: '塔塔尔族', en: 'Tatar' },
  { code: 'derung', gb: '51', zh: '独龙族', en: 'Derung' },
  { code: 'oroqen', gb: '52', zh: '鄂伦春族', en: 'Oroqen' },
  { code: 'hezhen', gb: '53', zh: '赫哲族', en: 'Hezhen' },
  { code: 'monba', gb: '54', zh: '门巴族', en: 'Monba' },
  { code: 'lhoba', gb: '55', zh: '珞巴族', en: 'Lhoba' },
  { code: 'jino', gb: '56', zh: '基诺族', en: 'Jino' },
]);
export type Ethnicity = CodeOf<typeof ethnicities>;

/** Which of the three groups of 采集对象 a person belongs to; decides the district and the materials. */
export const situations = entries([
  { code: 'accountingWork', zh: '从事会计工作', en: 'Doing accounting work' },
  { code: 'qualifiedNotWorking', zh: '具有会计专业技术资格但未从事会计工作', en: 'Qualified, not doing accounting work' },
  { code: 'qualifiedStudent', zh: '具有会计专业技术资格的在校学生', en: 'Qualified student' },
]);
export type Situation = CodeOf<typeof situations>;

/** Why the applicant's district is theirs (采集原则). */
export const districtBases = entries([
  { code: 'workUnit', zh: '工作单位所在区', en: 'District of the work unit' },
  { code: 'householdRegistration', zh: '户籍所在区', en: 'District of household registration' },
  { code: 'residence', zh: '居住地所在区', en: 'District of residence' },
  { code: 'school', zh: '学校所在区', en: 'District of the school' },
]);
export type DistrictBasis = CodeOf<typeof districtBases>;

export const materialKinds = entries([
  { code: 'photo', zh: '证件照', en: 'ID photo' },
  { code: 'idDocument', zh: '有效身份证件扫描件', en: 'Scan of the ID document' },
  { code: 'qualificationCertificate', zh: '专业技术资格（最高）证书', en: 'Highest qualification certificate' },
  { code: 'workProof', zh: '从事会计工作证明', en: 'Proof of accounting work' },
  { code: 'studentProof', zh: '在校学生证明', en: 'Proof of student status' },
  { code: 'educationCertificate', zh: '学历学位证书', en: 'Education / degree certificate' },
  { code: 'transferProof', zh: '调转证明', en: 'Transfer proof' },
  { code: 'continuingEducationProof', zh: '继续教育证明', en: 'Continuing-education proof' },
]);
export type MaterialKind = CodeOf<typeof materialKinds>;

/** The requests a person can make; the same codes as the workflows use. */
export const requestKinds = entries([
  { code: 'collection', zh: '信息采集', en: 'Collection' },
  { code: 'change', zh: '信息变更', en: 'Change' },
  { code: 'transferOut', zh: '调出', en: 'Transfer out' },
  { code: 'transferIn', zh: '调入', en: 'Transfer in' },
  { code: 'districtMove', zh: '省内调转', en: 'Move between districts' },
]);
export type RequestKind = CodeOf<typeof requestKinds>;

/** The kinds that move a person's record between provinces or districts: while one is open, nothing else of the person starts. */
export const TRANSFER_KINDS: readonly RequestKind[] = ['transferOut', 'transferIn', 'districtMove'];

export const creditKinds = entries([
  { code: 'trustworthy', zh: '守信', en: 'Trustworthy (award)' },
  { code: 'untrustworthy', zh: '失信', en: 'Untrustworthy (penalty)' },
]);
export type CreditKind = CodeOf<typeof creditKinds>;

export const talentTypes = entries([
  { code: 'leading', zh: '会计领军人才', en: 'Leading accounting talent' },
  { code: 'international', zh: '国际化高端会计人才', en: 'International high-end accounting talent' },
]);
export type TalentType = CodeOf<typeof talentTypes>;

/** ISO 3166-1 countries and regions by alpha-3 code, for 国籍/地区. */
export const nationalities = countriesFile.countries.map((c): EnumEntry => ({ code: c.code, zh: c.zh, en: c.en })) as unknown as readonly [
  EnumEntry,
  ...EnumEntry[],
];

const NATIONALITY_CODES = new Set(nationalities.map((n) => n.code));

export function isNationality(code: string): boolean {
  return NATIONALITY_CODES.has(code);
}

/** Every enumeration by name, so an API can list them (`GET /enumerations/ethnicities`). */
export const enumerations = {
  idTypes,
  sexes,
  educationLevels,
  degrees,
  studyModes,
  qualificationTypes,
  qualificationLevels,
  waysObtained,
  accountingPosts,
  administrativePosts,
  unitKinds,
  economicTypes,
  politicalStatuses,
  ethnicities,
  situations,
  districtBases,
  materialKinds,
  requestKinds,
  creditKinds,
  talentTypes,
  nationalities,
} as const satisfies Record<string, readonly EnumEntry[]>;

export type EnumerationName = keyof typeof enumerations;

/** The entry of `code` in an enumeration, e.g. for showing `senior` as 高级 / Senior. */
export function entryOf(name: EnumerationName, code: string): EnumEntry | undefined {
  return (enumerations[name] as readonly EnumEntry[]).find((e) => e.code === code);
}
