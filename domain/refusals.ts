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
  // Accounts and sessions.
  'password-too-short': {
    status: 400,
    zh: '密码至少需要 10 个字符',
    en: 'The password must have at least 10 characters',
  },
  'password-too-long': {
    status: 400,
    zh: '密码最多 200 个字符',
    en: 'The password may have at most 200 characters',
  },
  'password-like-username': {
    status: 400,
    zh: '密码不能包含用户名',
    en: 'The password may not contain the username',
  },
  'password-too-common': {
    status: 400,
    zh: '该密码过于常见，容易被猜中，请换一个',
    en: 'This password is among the commonly used ones and easily guessed; choose another',
  },
  'password-unchanged': {
    status: 400,
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  'wrong-current-password': {
    status: 403,
    zh: '当前密码不正确',
    en: 'The current password is wrong',
  },
  'password-change-required': {
    status: 403,
    zh: '请先设置您自己的密码（首次登录或密码被重置后须修改一次性密码）',
    en: 'Set your own password first: the one-time password of a new or reset account only lets you change it',
  },
  'reviewer-needs-district': {
    status: 400,
    zh: '审核人员至少需要负责一个区',
    en: 'A reviewer reviews at least one district',
  },
  'admin-without-districts': {
    status: 400,
    zh: '管理员不绑定区，请勿填写负责的区',
    en: 'An administrator is not bound to districts; send none',
  },
  'unknown-district': {
    status: 400,
    zh: '所填的区不属于本省（区、市）',
    en: 'A district given is not one of this province',
  },
  'own-account': {
    status: 409,
    zh: '不能停用自己的账号或更改自己的角色，请由另一位管理员操作',
    en: 'You cannot disable your own account or change your own role; another administrator can',
  },
  'unit-already-registered': {
    status: 409,
    zh: '该统一社会信用代码的单位已注册；如有疑问请联系所在区财政局',
    en: 'A unit with this unified social credit code is registered already; ask the district finance bureau if this is wrong',
  },
  'unit-not-confirmed': {
    status: 403,
    zh: '单位尚未经财政部门确认，暂不能查看或确认本单位会计人员',
    en: 'The unit is not confirmed yet by the finance bureau; until then it sees and confirms no accountant',
  },
  'session-not-found': {
    status: 404,
    zh: '未找到该会话，或它已结束',
    en: 'No such session of yours, or it has already ended',
  },
  'claim-no-match': {
    status: 422,
    zh: '证件号码与姓名与本省接收的会计人员信息不一致，无法认领；请核对后重试，如有疑问请联系所在区财政局',
    en: 'The ID number and name do not match a record received in this province; check both and try again, or ask your district finance bureau',
  },
  'claim-too-many-attempts': {
    status: 429,
    zh: '认领核对失败次数过多，请稍后再试；如确认信息无误，请联系所在区财政局',
    en: 'Too many claims that did not match; try again later, or ask your district finance bureau',
  },
  'claim-taken': {
    status: 409,
    zh: '该会计人员信息已由另一账号认领，一人只能对应一个账号；如非本人认领，请联系所在区财政局',
    en: 'This record is claimed by another account already (one account per person); if that was not you, ask your district finance bureau',
  },
  'claim-has-record': {
    status: 409,
    zh: '您的账号已对应一条会计人员信息，不能再认领其他人员的信息',
    en: 'Your account already has a record of its own; it cannot claim another person',
  },
  'already-collected-claim': {
    status: 409,
    zh: '该人员信息已由外省调入本省，无需重新采集；请凭证件号码和姓名认领（POST /people/me/claim）',
    en: 'This person has arrived here by a transfer from another province and needs no collection; claim the record with the ID number and name (POST /people/me/claim)',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type RefusalCode = keyof typeof refusals;

export function isRefusalCode(code: unknown): code is RefusalCode {
  return typeof code === 'string' && Object.hasOwn(refusals, code);
}
