/**
 * The names under which the API document publishes the form's schemas (`components.schemas.<id>`), with a
 * description and an example each. Every schema factory attaches its entry with zod's `.meta()`, so a route
 * whose body or response uses the schema refers to `#/components/schemas/<id>` instead of repeating it.
 * The examples are valid input for Beijing (110000); test/domain/schema-components.test.ts parses each one.
 */

const basic = {
  name: '张伟',
  sex: 'male',
  birthDate: '1988-05-12',
  idType: 'mainlandId',
  idNumber: '110105198805120376',
  nationality: 'CHN',
  ethnicity: 'han',
  politicalStatus: 'masses',
  mobile: '13912345678',
  email: 'zhangwei@example.com',
  address: '北京市朝阳区建国路1号',
};
const educationEntry = {
  studyMode: 'fullTime',
  school: '中央财经大学',
  level: 'bachelor',
  degree: 'bachelor',
  major: '会计学',
  enrolledOn: '2006-09-01',
  graduatedOn: '2010-07-01',
};
const work = {
  unitName: '北京示例科技有限公司',
  unitCreditCode: '91110105MA01B2C34Q',
  unitKind: 'enterprise',
  unitDistrict: '110105',
  startedOn: '2010-08-01',
  posts: ['cashier', 'financialReporting'],
  administrativePost: 'general',
};
const qualificationEntry = {
  type: 'accounting',
  level: 'intermediate',
  wayObtained: 'exam',
  obtainedOn: '2014-10-15',
  certificateNo: 'Z2014110105001',
};
const student = {
  school: '北京工商大学',
  schoolDistrict: '110108',
  studentNo: '2023010101',
  enrolledOn: '2023-09-01',
  expectedGraduation: '2099-07-01',
};
const district = { code: '110105', basis: 'workUnit' };
const continuingEducationEntry = {
  year: 2024,
  course: '政府会计准则制度解读',
  credits: 24,
  professional: true,
  provider: '北京市会计人员继续教育中心',
  completedOn: '2024-06-30',
};

export const components = {
  BASIC_PART: { id: 'BasicPart', description: '基础信息: the person, their identity document and contact details', examples: [basic] },
  EDUCATION_ENTRY: {
    id: 'EducationEntry',
    description: '学历学位: one completed education; enrolment comes before graduation',
    examples: [educationEntry],
  },
  EDUCATION_PART: {
    id: 'EducationPart',
    description: '学历学位: the education history, at least one entry; the highest level counts',
    examples: [[educationEntry]],
  },
  WORK_PART: { id: 'WorkPart', description: '从事会计工作: the work unit and the accounting posts', examples: [work] },
  QUALIFICATION_ENTRY: {
    id: 'QualificationEntry',
    description: '专业技术资格: one qualification with its certificate (or approval) number',
    examples: [qualificationEntry],
  },
  QUALIFICATIONS_PART: {
    id: 'QualificationsPart',
    description: '专业技术资格: the qualifications held; the highest level counts',
    examples: [[qualificationEntry]],
  },
  STUDENT_PART: { id: 'StudentPart', description: '在校学生: the school of a qualified student', examples: [student] },
  DISTRICT_CODE: {
    id: 'DistrictCode',
    description: 'A current county-level division code (GB/T 2260) of the deployment’s province',
    examples: ['110105'],
  },
  DISTRICT_PART: {
    id: 'DistrictPart',
    description: '采集地区: the district the applicant chooses, and why it is theirs',
    examples: [district],
  },
  COLLECTION_FORM: {
    id: 'CollectionForm',
    description: '会计人员信息表: the whole collection form; what must be filled in depends on the situation',
    examples: [{ situation: 'accountingWork', basic, education: [educationEntry], work, qualifications: [qualificationEntry], district }],
  },
  TRANSFER_OUT_PART: {
    id: 'TransferOutPart',
    description: '调出: the province and district that will receive the person',
    examples: [{ toProvince: '130000', toDistrict: '130102', reason: '工作调动至石家庄' }],
  },
  TRANSFER_IN_PART: {
    id: 'TransferInPart',
    description: '调入: the province that keeps the record now, the person’s identity document and the district here',
    examples: [{ fromProvince: '130000', idType: 'mainlandId', idNumber: '110105198805120376', nationality: 'CHN', district }],
  },
  DISTRICT_MOVE_PART: {
    id: 'DistrictMovePart',
    description:
      "省内调转: the district within the province the record moves to. It must fit the basis as at collection (the work unit's district, household, residence, school); a move because of a new work unit carries that unit (`work`) and a workProof",
    examples: [{ district: { code: '110108', basis: 'workUnit' }, work: { ...work, unitDistrict: '110108' }, reason: '单位迁至海淀区' }],
  },
  CONTACT_CHANGE: {
    id: 'ContactChange',
    description: 'Contact details changed by the person at once: any of mobile, email and address, at least one',
    examples: [{ mobile: '13800138000', address: '北京市海淀区中关村大街27号' }],
  },
  TALENT_INPUT: {
    id: 'HighEndTalentInput',
    description: '高端会计人才: a talent programme the person was selected for, and the year',
    examples: [{ type: 'leading', year: 2020 }],
  },
  CREDIT_RECORD_INPUT: {
    id: 'CreditRecordInput',
    description: '诚信记录: an award (守信) or an administrative penalty (失信)',
    examples: [
      {
        kind: 'trustworthy',
        occurredOn: '2023-12-20',
        issuer: '北京市财政局',
        documentNo: '京财会〔2023〕123号',
        description: '被评为北京市先进会计工作者',
      },
    ],
  },
  CONTINUING_EDUCATION_ENTRY: {
    id: 'ContinuingEducationEntry',
    description: '继续教育: one course of a year; completed within that year',
    examples: [continuingEducationEntry],
  },
  CONTINUING_EDUCATION_PART: {
    id: 'ContinuingEducationPart',
    description: '继续教育: courses of one or more years, no course twice on the same day',
    examples: [[continuingEducationEntry]],
  },
  RETURN_REASON: {
    id: 'ReturnReason',
    description: 'What a reviewer returns to the applicant: a field or material and why',
    examples: [{ target: 'field', path: 'basic.mobile', reason: '手机号码无法接通，请核对' }],
  },
  REVIEW_DECISION: {
    id: 'ReviewDecision',
    description: '审核意见: approve, or return with the fields and materials to correct',
    examples: [
      { outcome: 'approved', comment: '材料齐全，同意' },
      { outcome: 'returned', reasons: [{ target: 'material', path: 'materials.photo', reason: '照片不清晰，请重新上传' }] },
    ],
  },
} as const;
