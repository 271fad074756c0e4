/**
 * A broken business rule, in a form every layer can pass on unchanged: the API returns it,
 * a reviewer's screen shows it next to the field, a workflow stores it.
 * Pure data and pure functions: workflows import this file.
 */
export interface RuleViolation {
  /** Stable id of the rule, e.g. `identity.checksum`; clients may switch on it. */
  rule: string;
  /** Dotted path of the field or material, e.g. `basic.idNumber`, `education.0.school`, `materials.photo`. */
  path: string;
  zh: string;
  en: string;
}

export interface Bilingual {
  zh: string;
  en: string;
}

/** A broken rule before it is attached to a field: checks return these, callers place them. */
export interface Problem {
  rule: string;
  text: Bilingual;
}

/** What the applicant sees as the name of each field of the information form (会计人员信息表). */
const FIELD_LABELS: Record<string, Bilingual> = {
  situation: { zh: '人员类别', en: 'Situation' },
  'basic.name': { zh: '姓名', en: 'Name' },
  'basic.sex': { zh: '性别', en: 'Sex' },
  'basic.birthDate': { zh: '出生日期', en: 'Date of birth' },
  'basic.idType': { zh: '证件类型', en: 'ID type' },
  'basic.idNumber': { zh: '证件号码', en: 'ID number' },
  'basic.nationality': { zh: '国籍/地区', en: 'Nationality / region' },
  'basic.ethnicity': { zh: '民族', en: 'Ethnic group' },
  'basic.politicalStatus': { zh: '政治面貌', en: 'Political status' },
  'basic.mobile': { zh: '手机号码', en: 'Mobile number' },
  'basic.email': { zh: '电子邮箱', en: 'Email' },
  'basic.address': { zh: '通讯地址', en: 'Postal address' },
  education: { zh: '学历学位', en: 'Education' },
  'education.*.studyMode': { zh: '培养方式', en: 'Study mode' },
  'education.*.school': { zh: '学校名称', en: 'School' },
  'education.*.level': { zh: '学历', en: 'Education level' },
  'education.*.degree': { zh: '学位', en: 'Degree' },
  'education.*.major': { zh: '所学专业', en: 'Major' },
  'education.*.enrolledOn': { zh: '入学时间', en: 'Enrolment date' },
  'education.*.graduatedOn': { zh: '毕业时间', en: 'Graduation date' },
  'education.*.diplomaNo': { zh: '学历证书编号', en: 'Diploma number' },
  'education.*.degreeCertificateNo': { zh: '学位证书编号', en: 'Degree certificate number' },
  work: { zh: '从事会计工作信息', en: 'Accounting work' },
  'work.unitName': { zh: '工作单位全称', en: 'Work unit (full name)' },
  'work.unitCreditCode': { zh: '统一社会信用代码', en: 'Unified social credit code of the work unit' },
  'work.unitKind': { zh: '单位性质', en: 'Kind of work unit' },
  'work.economicType': { zh: '经济类型', en: 'Economic type' },
  'work.unitDistrict': { zh: '单位所在区', en: 'District of the work unit' },
  'work.startedOn': { zh: '开始从事会计工作时间', en: 'Start of accounting work' },
  'work.posts': { zh: '会计工作岗位', en: 'Accounting posts' },
  'work.administrativePost': { zh: '会计行政职务', en: 'Administrative post' },
  qualifications: { zh: '专业技术资格', en: 'Professional qualifications' },
  'qualifications.*.type': { zh: '资格类型', en: 'Qualification type' },
  'qualifications.*.level': { zh: '资格级别', en: 'Qualification level' },
  'qualifications.*.wayObtained': { zh: '取得方式', en: 'How obtained' },
  'qualifications.*.obtainedOn': { zh: '取得时间', en: 'Date obtained' },
  'qualifications.*.certificateNo': { zh: '证书编号或批文号', en: 'Certificate or approval number' },
  student: { zh: '在校学生信息', en: 'Student details' },
  'student.school': { zh: '就读学校', en: 'School' },
  'student.schoolDistrict': { zh: '学校所在区', en: 'District of the school' },
  'student.enrolledOn': { zh: '入学时间', en: 'Enrolment date' },
  'student.expectedGraduation': { zh: '预计毕业时间', en: 'Expected graduation' },
  'student.studentNo': { zh: '学号', en: 'Student number' },
  district: { zh: '采集地区', en: 'District of collection' },
  'district.code': { zh: '采集地区（所属区）', en: 'District of collection' },
  'district.basis': { zh: '选择所属区的依据', en: 'Basis for the district' },
  continuingEducation: { zh: '继续教育', en: 'Continuing education' },
  'continuingEducation.*.year': { zh: '年度', en: 'Year' },
  'continuingEducation.*.course': { zh: '课程/内容', en: 'Course' },
  'continuingEducation.*.credits': { zh: '学分', en: 'Credits' },
  'continuingEducation.*.professional': { zh: '专业科目', en: 'Professional subject' },
  'continuingEducation.*.provider': { zh: '培训单位', en: 'Provider' },
  'continuingEducation.*.completedOn': { zh: '完成日期', en: 'Completion date' },
  commitmentAccepted: { zh: '承诺函', en: 'Commitment letter' },
  'materials.photo': { zh: '证件照', en: 'ID photo' },
  'materials.idDocument': { zh: '有效身份证件扫描件', en: 'Scan of the ID document' },
  'materials.qualificationCertificate': { zh: '专业技术资格（最高）证书', en: 'Highest qualification certificate' },
  'materials.workProof': { zh: '从事会计工作证明', en: 'Proof of accounting work' },
  'materials.studentProof': { zh: '在校学生证明', en: 'Proof of student status' },
  'materials.educationCertificate': { zh: '学历学位证书', en: 'Education / degree certificate' },
  'materials.transferProof': { zh: '调转证明', en: 'Transfer proof' },
  'materials.continuingEducationProof': { zh: '继续教育证明', en: 'Continuing-education proof' },
};

const LIST_NAMES: Record<string, Bilingual> = {
  education: { zh: '学历学位', en: 'Education' },
  qualifications: { zh: '专业技术资格', en: 'Qualification' },
  'work.posts': { zh: '会计工作岗位', en: 'Accounting post' },
};

/**
 * The label of a field path, e.g. `education.1.school` → 学历学位第2条·学校名称 / Education #2 · School.
 * Unknown paths fall back to the path itself so a message never loses its field.
 */
export function fieldLabel(path: string): Bilingual {
  if (path === '') return { zh: '表单', en: 'Form' };
  const parts = path.split('.');
  const idx = parts.findIndex((p) => /^\d+$/.test(p));
  if (idx > 0) {
    const listPath = parts.slice(0, idx).join('.');
    const n = Number(parts[idx]) + 1;
    const generic = [...parts.slice(0, idx), '*', ...parts.slice(idx + 1)].join('.');
    const list = LIST_NAMES[listPath] ?? FIELD_LABELS[listPath] ?? { zh: listPath, en: listPath };
    const field = idx === parts.length - 1 ? undefined : FIELD_LABELS[generic];
    const head = { zh: `${list.zh}第${n}条`, en: `${list.en} #${n}` };
    if (idx === parts.length - 1) return head;
    const tail = field ?? { zh: parts.slice(idx + 1).join('.'), en: parts.slice(idx + 1).join('.') };
    return { zh: `${head.zh}·${tail.zh}`, en: `${head.en} · ${tail.en}` };
  }
  return FIELD_LABELS[path] ?? { zh: path, en: path };
}

/**
 * Builds a violation whose messages start with the field's name, so the reader knows where to look,
 * and continue with what is wrong and how to fix it.
 */
export function violation(rule: string, path: string, text: Bilingual): RuleViolation {
  const label = fieldLabel(path);
  return { rule, path, zh: `${label.zh}：${text.zh}`, en: `${label.en}: ${text.en}` };
}
