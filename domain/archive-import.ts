/**
 * The migration file of an existing archive (存量档案迁移): its sheets and their columns, shared by the import
 * (records/archive-import.ts), the API's description and the console's upload page. Pure.
 *
 * One row per person in `people`; the person's education, qualifications and continuing education in their own
 * sheets (.xlsx) or files (CSV), each row keyed by the person's ID number. Enumerations take the code or its
 * Chinese name (domain/enums.ts); dates are YYYY-MM-DD; accounting posts are separated by `;` or `；`.
 */
import { IMPORT_COLUMN_NAMES, IMPORT_COLUMNS } from './continuing-education-import.ts';

/** The largest upload the API takes; bigger archives go through tools/import-archive.ts. */
export const ARCHIVE_IMPORT_MAX_BYTES = 64 * 1024 * 1024;

export const ARCHIVE_SHEETS = ['people', 'education', 'qualifications', 'continuingEducation'] as const;
export type ArchiveSheet = (typeof ARCHIVE_SHEETS)[number];

interface ColumnText {
  zh: string;
  /** What it holds (a rule for the person filling it in). */
  rule: { zh: string; en: string };
  required?: boolean;
}

const enumRule = (name: string) => ({
  zh: `代码或中文名称（见 /enumerations/${name}）`,
  en: `the code or its Chinese name (GET /enumerations/${name})`,
});
const date = { zh: '年-月-日', en: 'YYYY-MM-DD' };

export const ARCHIVE_COLUMNS = {
  people: {
    idNumber: { zh: '证件号码', rule: { zh: '档案号', en: 'the archive number' }, required: true },
    idType: { zh: '证件类型', rule: enumRule('idTypes'), required: true },
    name: { zh: '姓名', rule: { zh: '最多50字', en: 'at most 50 characters' }, required: true },
    sex: { zh: '性别', rule: enumRule('sexes'), required: true },
    birthDate: { zh: '出生日期', rule: date, required: true },
    nationality: { zh: '国籍', rule: { zh: 'ISO 3166 三位代码，如 CHN', en: 'ISO 3166 alpha-3, e.g. CHN' }, required: true },
    ethnicity: { zh: '民族', rule: enumRule('ethnicities') },
    politicalStatus: { zh: '政治面貌', rule: enumRule('politicalStatuses') },
    mobile: { zh: '手机', rule: { zh: '11位手机号码', en: 'an 11-digit mobile number' }, required: true },
    email: { zh: '电子邮箱', rule: { zh: '电子邮箱', en: 'an email address' }, required: true },
    address: { zh: '通讯地址', rule: { zh: '最多200字', en: 'at most 200 characters' }, required: true },
    situation: { zh: '采集类别', rule: enumRule('situations'), required: true },
    districtCode: {
      zh: '采集地区',
      rule: { zh: '本省区县代码（GB/T 2260）', en: 'a district code of this province (GB/T 2260)' },
      required: true,
    },
    districtBasis: { zh: '地区依据', rule: enumRule('districtBases'), required: true },
    unitName: { zh: '工作单位', rule: { zh: '从事会计工作者必填', en: 'for people doing accounting work' } },
    unitCreditCode: { zh: '统一社会信用代码', rule: { zh: '18位（GB 32100）', en: '18 characters (GB 32100)' } },
    unitKind: { zh: '单位性质', rule: enumRule('unitKinds') },
    economicType: { zh: '经济类型', rule: enumRule('economicTypes') },
    unitDistrict: { zh: '单位所在区', rule: { zh: '本省区县代码', en: 'a district code of this province' } },
    workStartedOn: { zh: '开始从事会计工作时间', rule: date },
    posts: {
      zh: '会计工作岗位',
      rule: { zh: '以“；”分隔，见 /enumerations/accountingPosts', en: 'separated by ";" (GET /enumerations/accountingPosts)' },
    },
    administrativePost: { zh: '会计行政职务', rule: enumRule('administrativePosts') },
    school: { zh: '就读学校', rule: { zh: '在校学生必填', en: 'for students' } },
    schoolDistrict: { zh: '学校所在区', rule: { zh: '本省区县代码', en: 'a district code of this province' } },
    studentNo: { zh: '学号', rule: { zh: '可选', en: 'optional' } },
    studentEnrolledOn: { zh: '入学时间', rule: date },
    expectedGraduation: { zh: '预计毕业时间', rule: date },
  },
  education: {
    idNumber: { zh: '证件号码', rule: { zh: '人员表中的证件号码', en: 'the ID number of a row of people' }, required: true },
    studyMode: { zh: '培养方式', rule: enumRule('studyModes'), required: true },
    school: { zh: '学校名称', rule: { zh: '最多100字', en: 'at most 100 characters' }, required: true },
    level: { zh: '学历', rule: enumRule('educationLevels'), required: true },
    degree: { zh: '学位', rule: enumRule('degrees'), required: true },
    major: { zh: '所学专业', rule: { zh: '可选', en: 'optional' } },
    enrolledOn: { zh: '入学时间', rule: date, required: true },
    graduatedOn: { zh: '毕业时间', rule: date, required: true },
    diplomaNo: { zh: '学历证书编号', rule: { zh: '可选', en: 'optional' } },
    degreeCertificateNo: { zh: '学位证书编号', rule: { zh: '可选', en: 'optional' } },
  },
  qualifications: {
    idNumber: { zh: '证件号码', rule: { zh: '人员表中的证件号码', en: 'the ID number of a row of people' }, required: true },
    type: { zh: '资格类型', rule: enumRule('qualificationTypes'), required: true },
    level: { zh: '资格级别', rule: enumRule('qualificationLevels'), required: true },
    wayObtained: { zh: '取得方式', rule: enumRule('waysObtained'), required: true },
    obtainedOn: { zh: '取得时间', rule: date, required: true },
    certificateNo: { zh: '证书编号', rule: { zh: '证书编号或批文号', en: 'certificate or approval number' }, required: true },
  },
  continuingEducation: Object.fromEntries([
    ['idNumber', { zh: '证件号码', rule: { zh: '人员表中的证件号码', en: 'the ID number of a row of people' }, required: true }],
    ...IMPORT_COLUMNS.filter((c) => c !== 'archiveNo').map((c) => [
      c,
      { zh: IMPORT_COLUMN_NAMES[c].zh, rule: IMPORT_COLUMN_NAMES[c].rule, required: true },
    ]),
  ]) as Record<'idNumber' | Exclude<(typeof IMPORT_COLUMNS)[number], 'archiveNo'>, ColumnText>,
} as const satisfies Record<ArchiveSheet, Record<string, ColumnText>>;

export type ArchiveColumn<S extends ArchiveSheet> = keyof (typeof ARCHIVE_COLUMNS)[S] & string;

/** Each sheet's name in a workbook (either is accepted) and, for CSV, its file's form field. */
export const ARCHIVE_SHEET_NAMES: Record<ArchiveSheet, { zh: string; en: string }> = {
  people: { zh: '人员', en: 'people' },
  education: { zh: '学历学位', en: 'education' },
  qualifications: { zh: '专业技术资格', en: 'qualifications' },
  continuingEducation: { zh: '继续教育', en: 'continuingEducation' },
};
