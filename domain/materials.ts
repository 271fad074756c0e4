/**
 * Which materials (准备材料) a request needs, and their limits. Pure: workflows import this file.
 * The byte-level checks (is it really a JPEG, its pixels) live in `materials-bytes.ts`, which needs
 * Node and sharp and so must stay out of workflow code.
 */
import { type MaterialKind, type RequestKind, type Situation, TRANSFER_KINDS } from './enums.ts';
import { violation, type RuleViolation } from './rules.ts';

/**
 * Size limits, exclusive: the notices say "小于20KB" / "小于50KB", read as strictly less than
 * 20 × 1024 and 50 × 1024 bytes. A file of exactly 20 480 bytes is refused.
 */
export const MATERIAL_MAX_BYTES_EXCLUSIVE: Readonly<Record<MaterialKind, number>> = {
  photo: 20 * 1024,
  idDocument: 50 * 1024,
  qualificationCertificate: 50 * 1024,
  workProof: 50 * 1024,
  studentProof: 50 * 1024,
  educationCertificate: 50 * 1024,
  transferProof: 50 * 1024,
  continuingEducationProof: 50 * 1024,
};

/** The ID photo is exactly this many pixels, width × height. */
export const PHOTO_WIDTH = 114;
export const PHOTO_HEIGHT = 156;

/** Requests that move a person between provinces or districts and so need a transfer proof. */
const TRANSFER = new Set(TRANSFER_KINDS);

export interface MaterialsForm {
  situation: Situation;
  /** The qualifications on the form; any at all means the highest certificate is needed. */
  qualifications?: readonly unknown[] | undefined;
}

/**
 * The materials a request needs, in the order the notices list them:
 * photo and ID document always; the highest qualification certificate if the person has one; work
 * proof when doing accounting work; student proof for students; the education certificate always
 * (MOF notice 财办会〔2018〕28号 asks for 学历学位证); a transfer proof for transfer requests.
 */
export function requiredMaterials(form: MaterialsForm, requestKind: RequestKind): MaterialKind[] {
  const kinds: MaterialKind[] = ['photo', 'idDocument'];
  if ((form.qualifications?.length ?? 0) > 0) kinds.push('qualificationCertificate');
  if (form.situation === 'accountingWork') kinds.push('workProof');
  if (form.situation === 'qualifiedStudent') kinds.push('studentProof');
  kinds.push('educationCertificate');
  if (TRANSFER.has(requestKind)) kinds.push('transferProof');
  return kinds;
}

const MATERIAL_WHY: Readonly<Record<MaterialKind, { zh: string; en: string }>> = {
  photo: { zh: '每位申请人都需上传近期白底证件照', en: 'every applicant uploads a recent photo on a white background' },
  idDocument: { zh: '每位申请人都需上传有效身份证件', en: 'every applicant uploads their ID document' },
  qualificationCertificate: {
    zh: '填写了专业技术资格，需上传最高级别的资格证书',
    en: 'a qualification is listed, so upload the certificate of the highest one',
  },
  workProof: {
    zh: '从事会计工作，需上传加盖单位公章的工作证明（可参照系统模板）',
    en: 'you do accounting work, so upload a work proof stamped by your unit (a template is provided)',
  },
  studentProof: { zh: '在校学生需上传学生证等在校证明', en: 'students upload a proof of student status such as the student card' },
  educationCertificate: { zh: '需上传学历学位证书', en: 'upload your education / degree certificate' },
  transferProof: {
    zh: '调转申请需上传调转证明（如工作地变更证明）',
    en: 'a transfer request needs a transfer proof, e.g. a proof of the new workplace',
  },
  continuingEducationProof: {
    zh: '登记继续教育需上传学时（学分）证明',
    en: 'registering continuing education needs a proof of the credits, e.g. the certificate of completion',
  },
};

/** One violation per required material that was not uploaded, at path `materials.<kind>`. */
export function missingMaterials(required: readonly MaterialKind[], uploaded: Iterable<MaterialKind>): RuleViolation[] {
  const have = new Set(uploaded);
  return required
    .filter((k) => !have.has(k))
    .map((k) =>
      violation('materials.required', `materials.${k}`, { zh: `尚未上传：${MATERIAL_WHY[k].zh}`, en: `missing: ${MATERIAL_WHY[k].en}` }),
    );
}

export interface SubmissionInput {
  form: MaterialsForm;
  requestKind: RequestKind;
  uploaded: Iterable<MaterialKind>;
  /** The applicant accepted the commitment letter (承诺函) of truthfulness. */
  commitmentAccepted: boolean;
}

/** What still stops a request from being submitted: missing materials and the commitment letter. */
export function submissionViolations(input: SubmissionInput): RuleViolation[] {
  const violations = missingMaterials(requiredMaterials(input.form, input.requestKind), input.uploaded);
  if (!input.commitmentAccepted) violations.push(commitmentMissing());
  return violations;
}

/** Every request is submitted under the commitment letter (承诺函) of truthfulness. */
export function commitmentMissing(): RuleViolation {
  return violation('commitment.required', 'commitmentAccepted', {
    zh: '提交前须阅读并同意本人信息真实准确的承诺函',
    en: 'read and accept the commitment that your information is true and accurate before submitting',
  });
}
