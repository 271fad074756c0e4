import type { ReturnReason } from './review-rules.ts';

/**
 * Who is told of a transition: the request's applicant, the reviewers of its district, or the employer unit its form
 * names (the unit's contact account, once the unit is confirmed).
 */
export type Audience = 'applicant' | 'reviewers' | 'unit';

/** The transitions an applicant is also told of by SMS (when the channel is on and the record has a mobile number). */
export const SMS_TYPES: ReadonlySet<string> = new Set(['returned', 'approved', 'completed', 'correctionReminder']);

export interface NotificationContent {
  subject: { zh: string; en: string };
  body: { zh: string; en: string };
  /** A return's reasons, so the applicant reads what to correct in the message itself. */
  reasons?: ReturnReason[];
  /** The date the message speaks of: the correction or review deadline. */
  dueAt?: string;
  /** Why a request was refused or withdrawn, as recorded. */
  reason?: string;
}

/** What a transition tells someone, in the terms of the request it concerns. */
export interface TransitionFacts {
  type: string;
  reasons?: ReturnReason[];
  correctionDueAt?: string;
  reviewDueAt?: string;
  closedReason?: string;
  /** The accountant's name, masked (张*), as the unit that employs them sees it. */
  maskedName?: string;
}

const day = (iso?: string) => (iso ? iso.slice(0, 10) : undefined);

/**
 * The notifications a transition of a request causes, by audience; none for the transitions nobody needs to be told
 * of (recording, uploading, a recounted due date). Withdrawn is told to the applicant only when someone else withdrew it.
 */
export function notificationsOf(f: TransitionFacts): { audience: Audience; content: NotificationContent }[] {
  const due = day(f.correctionDueAt);
  const reviewDue = day(f.reviewDueAt);
  switch (f.type) {
    case 'returned':
      return [
        {
          audience: 'applicant',
          content: {
            subject: { zh: '您的申请已退回修改', en: 'Your request was returned for correction' },
            body: {
              zh: `审核人退回了您的申请，请按退回原因修改后重新提交${due ? `（请于 ${due} 前）` : ''}。`,
              en: `The reviewer returned your request; correct what the reasons name and resubmit${due ? ` by ${due}` : ''}.`,
            },
            reasons: f.reasons ?? [],
            ...(f.correctionDueAt ? { dueAt: f.correctionDueAt } : {}),
          },
        },
        {
          audience: 'unit',
          content: {
            subject: { zh: '本单位会计人员的申请被退回修改', en: "An accountant's request was returned for correction" },
            body: {
              zh: `本单位会计人员${f.maskedName ?? ''}的申请被审核人退回，需按退回原因修改后重新提交${due ? `（${due} 前）` : ''}。`,
              en: `The request of your unit's accountant${f.maskedName ? ` ${f.maskedName}` : ''} was returned; it must be corrected as the reasons say and resubmitted${due ? ` by ${due}` : ''}.`,
            },
            reasons: f.reasons ?? [],
            ...(f.correctionDueAt ? { dueAt: f.correctionDueAt } : {}),
          },
        },
      ];
    case 'correctionReminder':
      return [
        {
          audience: 'applicant',
          content: {
            subject: { zh: '退回修改的申请即将到期', en: 'Your returned request is due soon' },
            body: {
              zh: `您退回修改的申请尚未重新提交，修改期限为 ${due ?? '—'}，逾期申请将终止。`,
              en: `Your returned request is not resubmitted yet; the correction deadline is ${due ?? '—'}, after which the request ends.`,
            },
            reasons: f.reasons ?? [],
            ...(f.correctionDueAt ? { dueAt: f.correctionDueAt } : {}),
          },
        },
      ];
    case 'approved':
      return [
        {
          audience: 'applicant',
          content: {
            subject: { zh: '您的申请已审核通过', en: 'Your request was approved' },
            body: {
              zh: '审核人通过了您的申请，正在登记并上报全国平台。',
              en: 'The reviewer approved your request; it is being recorded and sent to the national platform.',
            },
          },
        },
      ];
    case 'completed':
      return [
        {
          audience: 'applicant',
          content: {
            subject: { zh: '您的申请已办结', en: 'Your request is completed' },
            body: { zh: '您的申请已办结，信息已登记。', en: 'Your request is completed and the record is kept.' },
          },
        },
      ];
    case 'refused':
      return [
        {
          audience: 'applicant',
          content: {
            subject: { zh: '您的申请未予通过', en: 'Your request was refused' },
            body: {
              zh: `您的申请未予通过${f.closedReason ? `：${f.closedReason}` : '。'}`,
              en: `Your request was refused${f.closedReason ? `: ${f.closedReason}` : '.'}`,
            },
            ...(f.closedReason ? { reason: f.closedReason } : {}),
          },
        },
      ];
    case 'withdrawn':
      return [
        {
          audience: 'applicant',
          content: {
            subject: { zh: '您的申请已被撤回', en: 'Your request was withdrawn' },
            body: {
              zh: `管理员撤回了您的申请${f.closedReason ? `：${f.closedReason}` : '。'}`,
              en: `An administrator withdrew your request${f.closedReason ? `: ${f.closedReason}` : '.'}`,
            },
            ...(f.closedReason ? { reason: f.closedReason } : {}),
          },
        },
      ];
    case 'submitted':
    case 'resubmitted':
    case 'received':
      return [
        {
          audience: 'reviewers',
          content: {
            subject: {
              zh:
                f.type === 'received' ? '收到外省转入申请，待审核' : f.type === 'resubmitted' ? '申请已重新提交，待审核' : '新的申请待审核',
              en:
                f.type === 'received'
                  ? 'A transfer from another province awaits review'
                  : f.type === 'resubmitted'
                    ? 'A corrected request awaits review'
                    : 'A new request awaits review',
            },
            body: {
              zh: `一份申请进入了您所在区县的待审核列表${reviewDue ? `，请于 ${reviewDue} 前审核` : ''}。`,
              en: `A request entered your district's inbox${reviewDue ? `; review it by ${reviewDue}` : ''}.`,
            },
            ...(f.reviewDueAt ? { dueAt: f.reviewDueAt } : {}),
          },
        },
      ];
    case 'reviewOverdue':
      return [
        {
          audience: 'reviewers',
          content: {
            subject: { zh: '申请审核已超期', en: 'A review is overdue' },
            body: {
              zh: `一份申请已超过审核期限${reviewDue ? `（${reviewDue}）` : ''}，请尽快审核。`,
              en: `A request is past its review deadline${reviewDue ? ` (${reviewDue})` : ''}; review it soon.`,
            },
            ...(f.reviewDueAt ? { dueAt: f.reviewDueAt } : {}),
          },
        },
      ];
    default:
      return [];
  }
}
