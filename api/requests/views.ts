import type { ReturnReason } from '../../domain/review-rules.ts';
import type { JsonValue } from '../lib/json.ts';
import { statusQuery, type Actor, type RequestStatus } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problems } from '../problem.ts';
import { requestFor } from './access.ts';
import { currentMaterials } from './materials.ts';
import { askWorkflow } from '../lib/temporal-errors.ts';
import { creditWarningsFor } from '../records/talents-credits.ts';
import { arrivingPerson } from './arriving.ts';

/** A request as its applicant, its district's reviewers and administrators see it. */
export async function requestDetail(deps: ApiDeps, actor: Actor, id: string) {
  const request = await requestFor(deps.db, actor, id);
  const [materials, decisions, creditWarnings, arriving, employment] = await Promise.all([
    currentMaterials(deps, request.id),
    deps.db.reviewDecision.findMany({ where: { requestId: request.id }, orderBy: { round: 'asc' }, include: { reasons: true } }),
    creditWarningsFor(deps, actor, request.archiveNoHash),
    arrivingPerson(deps, actor, request),
    deps.db.employmentConfirmation.findUnique({ where: { requestId: request.id } }),
  ]);
  // What a received transfer brought is answered as `arriving`, not as a part of the form.
  const { arrival: _arrival, ...form } = (deps.personalData.openAt('', request.form) ?? {}) as Record<string, JsonValue>;
  return {
    requestId: request.id,
    kind: request.kind,
    state: request.state,
    round: request.round,
    districtCode: request.districtCode,
    // Sent by another province: decided with accepted / refused (nobody here can correct it).
    received: request.kind === 'transferIn' && request.applicantId === null,
    overdue: request.overdue,
    submittedAt: request.submittedAt?.toISOString() ?? null,
    reviewDueAt: request.reviewDueAt?.toISOString() ?? null,
    correctionDueAt: request.correctionDueAt?.toISOString() ?? null,
    closedReason: request.closedReason,
    commitmentAcceptedAt: request.commitmentAcceptedAt?.toISOString() ?? null,
    employmentConfirmation: employment
      ? { unitName: employment.unitName, creditCode: employment.creditCode, confirmedAt: employment.at.toISOString() }
      : null,
    // Only those who may see the request get here (requestFor): the form with its numbers opened.
    form,
    materials: materials.map((m) => ({
      kind: m.kind,
      sha256: m.sha256,
      byteSize: m.byteSize,
      width: m.width,
      height: m.height,
      uploadedAt: m.uploadedAt.toISOString(),
      href: `/requests/${request.id}/materials/${m.kind}`,
    })),
    reviews: decisions.map((d) => ({
      round: d.round,
      outcome: d.outcome,
      comment: d.comment,
      decidedAt: d.decidedAt.toISOString(),
      reasons: d.reasons.map((r) => ({ target: r.target as ReturnReason['target'], path: r.path, reason: r.reason })),
    })),
    // 失信 records of the person, for the reviewers only.
    ...(creditWarnings ? { creditWarnings } : {}),
    ...(arriving !== undefined ? { arriving } : {}),
  };
}

/**
 * The request's state. By default from the projection the workflow writes at every step (one indexed
 * read: applicants refresh this page, and a workflow query costs the worker a task each time);
 * with `live` the workflow itself answers, including a step it is taking at that moment.
 */
export async function requestStatus(deps: ApiDeps, actor: Actor, id: string, opts: { live?: boolean } = {}): Promise<RequestStatus> {
  const request = await requestFor(deps.db, actor, id);
  if (opts.live && request.state !== 'draft') {
    return askWorkflow(() => deps.temporal.workflow.getHandle(request.workflowId).query(statusQuery));
  }
  const returned =
    request.state === 'returned'
      ? await deps.db.reviewDecision.findFirst({
          where: { requestId: request.id, outcome: 'returned' },
          orderBy: { round: 'desc' },
          include: { reasons: true },
        })
      : null;
  return {
    requestId: request.id,
    kind: request.kind,
    state: request.state,
    round: request.round,
    ...(request.districtCode ? { districtCode: request.districtCode } : {}),
    overdue: request.overdue,
    ...(request.reviewDueAt ? { reviewDueAt: request.reviewDueAt.toISOString() } : {}),
    ...(request.correctionDueAt && request.state === 'returned' ? { correctionDueAt: request.correctionDueAt.toISOString() } : {}),
    ...(returned
      ? {
          returned: {
            round: returned.round,
            reasons: returned.reasons.map((r) => ({ target: r.target as ReturnReason['target'], path: r.path, reason: r.reason })),
            ...(returned.comment ? { comment: returned.comment } : {}),
          },
        }
      : {}),
    ...(request.closedReason ? { closedReason: request.closedReason } : {}),
    ...(request.state === 'needsAttention' && request.attention ? { attention: request.attention } : {}),
  } as RequestStatus;
}

/** What happened, in order: submitted, returned with reasons, resubmitted, approved, uploaded, expired... */
export async function timeline(deps: ApiDeps, actor: Actor, id: string) {
  const request = await requestFor(deps.db, actor, id);
  const [events, decisions] = await Promise.all([
    deps.db.requestEvent.findMany({ where: { requestId: request.id }, orderBy: { at: 'asc' } }),
    deps.db.reviewDecision.findMany({ where: { requestId: request.id }, include: { reasons: true } }),
  ]);
  const byRound = new Map(decisions.map((d) => [d.round, d]));
  let round = 0;
  return {
    requestId: request.id,
    state: request.state,
    events: events.map((e) => {
      if (e.type === 'submitted' || e.type === 'resubmitted') round++;
      const decision = e.type === 'returned' || e.type === 'approved' ? byRound.get(round) : undefined;
      return {
        type: e.type,
        at: e.at.toISOString(),
        ...(decision
          ? {
              round,
              comment: decision.comment,
              reasons: decision.reasons.map((r) => ({ target: r.target as ReturnReason['target'], path: r.path, reason: r.reason })),
            }
          : {}),
        ...(e.type === 'expired' || e.type === 'refused' ? { reason: request.closedReason } : {}),
        ...(e.type === 'withdrawn' ? withdrawal(e.detail) : {}),
        // The platform's refusal, by its code (the request's status carries the whole problem).
        ...(e.type === 'needsAttention' ? { reason: String((e.detail as { code?: string } | null)?.code ?? '') } : {}),
      };
    }),
  };
}

/** Who withdrew the request and why, as the withdrawal recorded it. */
/** The roles the timeline documents as withdrawing; an employer unit never withdraws (the workflow's validator). */
type Withdrawer = Exclude<Actor['role'], 'employer'>;
function withdrawal(detail: unknown): { by?: Withdrawer; reason: string | null } {
  const d = (detail ?? {}) as { by?: Withdrawer; reason?: string };
  return { ...(d.by ? { by: d.by } : {}), reason: d.reason ?? null };
}

export async function myRequests(deps: ApiDeps, actor: Actor) {
  if (actor.role !== 'applicant') throw problems.forbidden();
  const rows = await deps.db.request.findMany({ where: { applicantId: actor.userId }, orderBy: { createdAt: 'desc' }, take: 100 });
  return rows.map((r) => ({ requestId: r.id, kind: r.kind, state: r.state, round: r.round, createdAt: r.createdAt.toISOString() }));
}
