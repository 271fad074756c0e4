/**
 * Refusals a workflow or the API gives a person, each with a stable code (the problem `type`),
 * an HTTP status and a message in Chinese and English. Pure data: workflows import it too.
 */
export const refusals = {
  'wrong-district': {
    status: 403,
    zh: '该申请不属于您所在的区，无权审核',
    en: 'This request belongs to another district; only its own district may review it',
  },
  'not-awaiting-review': {
    status: 409,
    zh: '该申请当前不在待审核状态',
    en: 'This request is not waiting for review',
  },
  'decision-in-progress': {
    status: 409,
    zh: '该申请的审核结果正在保存，请勿重复提交',
    en: 'A decision on this request is already being recorded',
  },
  'decision-not-applicable': {
    status: 422,
    zh: '「接收」和「不予接收」只用于外省转来的调入；其他申请请选择「审核通过」或「退回修改」',
    en: 'accepted and refused decide a transfer another province sent here; decide other requests with approved or returned',
  },
  'return-without-reasons': {
    status: 422,
    zh: '退回修改必须逐项写明原因（字段或材料）',
    en: 'A return for correction must name at least one field or material with a reason',
  },
  'not-returned': {
    status: 409,
    zh: '该申请当前不在退回修改状态，无需重新提交',
    en: 'This request is not returned for correction, so it cannot be resubmitted',
  },
  'already-submitted': {
    status: 409,
    zh: '该申请已提交，请勿重复提交',
    en: 'This request has already been submitted',
  },
  'not-your-request': {
    status: 403,
    zh: '只能操作本人的申请',
    en: 'You can act only on your own requests',
  },
  'not-a-reviewer': {
    status: 403,
    zh: '只有区财政局审核人员可以审核',
    en: 'Only a district reviewer can review requests',
  },
  'request-closed': {
    status: 409,
    zh: '该申请已结束',
    en: 'This request is closed',
  },
  'decision-recorded': {
    status: 409,
    zh: '该申请已有审核结果或正在办理，不能再撤回',
    en: 'A decision on this request has been recorded (or it is being carried out); it can no longer be withdrawn',
  },
  'withdraw-not-allowed': {
    status: 403,
    zh: '只有申请人本人或管理员可以撤回申请',
    en: 'Only the applicant or an administrator can withdraw a request',
  },
  'withdraw-reason-required': {
    status: 422,
    zh: '管理员撤回申请必须写明原因',
    en: 'An administrator withdrawing a request must give a reason',
  },
  'received-transfer-not-withdrawable': {
    status: 409,
    zh: '其他省份转来的调入申请由本区审核接收或拒绝，不能撤回',
    en: 'A transfer sent by another province is accepted or refused by the district; it cannot be withdrawn',
  },
  'not-an-administrator': {
    status: 403,
    zh: '只有管理员可以重新发起被全国平台拒绝的操作',
    en: 'Only an administrator can retry a call the national platform refused',
  },
  'not-needing-attention': {
    status: 409,
    zh: '该申请当前不处于待处理（全国平台拒绝）状态，无需重试',
    en: 'This request does not need attention (no national call of it was refused), so there is nothing to retry',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type RefusalCode = keyof typeof refusals;

export function isRefusalCode(code: unknown): code is RefusalCode {
  return typeof code === 'string' && Object.hasOwn(refusals, code);
}
