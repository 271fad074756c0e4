import type { ReturnReason } from '../../domain/review.ts';
import { districtsOfActor } from '../../domain/districts.ts';
import type { JsonValue } from '../lib/json.ts';
import { statusQuery, type Actor, type RequestStatus } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problems } from '../problem.ts';
import { requestFor } from './access.ts';
import { currentMaterials } from './materials.ts';
import { askWorkflow } from '../lib/temporal-errors.ts';
import { creditWarningsFor } from '../records/talents-credits.ts';

/** A request as its applicant, its district's reviewers and administrators see it. */
export async function requestDetail(deps: ApiDeps, actor: Actor, id: string) {
  const request = await requestFor(deps.db, actor, id);
  const [materials, decisions, creditWarnings, employment] = await Promise.all([
    currentMaterials(deps, request.id),
    deps.db.reviewDecision.findMany({ where: { requestId: request.id }, orderBy: { round: 'asc' }, include: { reasons: true } }),
    creditWarningsFor(deps, actor, request.archiveNoHash),
    deps.db.employmentConfirmation.findUnique({ where: { requestId: request.id } }),
  ]);
  return {
    requestId: request.id,
    kind: request.kind,
    state: request.state,
    round: request.round,
    districtCode: request.districtCode,
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
    form: deps.personalData.openAt('', request.form) as Record<string, JsonValue> | null,
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
      };
    }),
  };
}

export async function myRequests(deps: ApiDeps, actor: Actor) {
  if (actor.role !== 'applicant') throw problems.forbidden();
  const rows = await deps.db.request.findMany({ where: { applicantId: actor.userId }, orderBy: { createdAt: 'desc' }, take: 100 });
  return rows.map((r) => ({ requestId: r.id, kind: r.kind, state: r.state, round: r.round, createdAt: r.createdAt.toISOString() }));
}

/** The reviewer's inbox: requests waiting in their districts (as the account is now), oldest first, overdue ones marked. */
export async function reviewInbox(deps: ApiDeps, actor: Actor, page: number, pageSize: number) {
  const districts = districtsOfActor(actor);
  if (actor.role !== 'reviewer' || !districts.length) throw problems.forbidden();
  const where = { districtCode: { in: [...districts] }, state: 'awaitingReview' as const };
  const [total, rows] = await Promise.all([
    deps.db.request.count({ where }),
    deps.db.request.findMany({ where, orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }], skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  const now = Date.now();
  return {
    page,
    pageSize,
    total,
    items: rows.map((r) => ({
      requestId: r.id,
      kind: r.kind,
      round: r.round,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      reviewDueAt: r.reviewDueAt?.toISOString() ?? null,
      // The workflow flags it durably; the due time shows it at once even between the flag's timer ticks.
      overdue: r.overdue || (r.reviewDueAt !== null && r.reviewDueAt.getTime() < now),
    })),
  };
}
