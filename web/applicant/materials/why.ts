/** Why each material is asked for, in the words of domain/materials.ts. */
const WHY: Record<string, { zh: string; en: string }> = {
  photo: { zh: '每位申请人都需上传近期白底证件照', en: 'every applicant uploads a recent photo on a white background' },
  idDocument: { zh: '每位申请人都需上传有效身份证件', en: 'every applicant uploads their ID document' },
  qualificationCertificate: {
    zh: '填写了专业技术资格，需上传最高级别的资格证书',
    en: 'a qualification is listed: upload the certificate of the highest',
  },
  workProof: { zh: '从事会计工作，需上传加盖单位公章的工作证明', en: 'you do accounting work: upload a work proof stamped by your unit' },
  studentProof: { zh: '在校学生需上传学生证等在校证明', en: 'students upload a proof of student status' },
  educationCertificate: { zh: '需上传学历学位证书', en: 'upload your education / degree certificate' },
  transferProof: { zh: '调转申请需上传调转证明（如工作地变更证明）', en: 'a transfer needs a transfer proof, e.g. of the new workplace' },
  continuingEducationProof: { zh: '登记继续教育需上传学时（学分）证明', en: 'continuing education needs a proof of the credits' },
};

export const materialWhy = (kind: string, lang: 'zh' | 'en') => WHY[kind]?.[lang];
