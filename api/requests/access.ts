import type { Db } from '../../clients/db.ts';
import { reviewsDistrict } from '../../domain/reviewer-districts.ts';
import type { Actor } from '../../workflows/messages.ts';
import { problem, problems, refusal } from '../problem.ts';

const notFound = () => problems.notFound('The request', '该申请');

/**
 * Loads a request the actor may see: applicants their own, reviewers their district's, administrators all.
 * To anyone else the request does not exist (404): its existence is itself private.
 */
export async function requestFor(db: Db, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound();
  return visibleTo(actor, await db.request.findUnique({ where: { id } }));
}

/** The same, with the kinds of its current materials in the same round trip (what a submit checks). */
export async function requestWithMaterialsFor(db: Db, actor: Actor, id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound();
  return visibleTo(
    actor,
    await db.request.findUnique({
      where: { id },
      // The employer unit's online confirmation stands for the work-proof scan (checkComplete).
      include: { materials: { where: { replacedAt: null }, select: { kind: true } }, employmentConfirmation: { select: { id: true } } },
    }),
  );
}

function visibleTo<R extends { applicantId: string | null; districtCode: string | null; state: string }>(
  actor: Actor,
  request: R | null,
): R {
  if (!request) throw notFound();
  const allowed =
    actor.role === 'admin' ||
    (actor.role === 'applicant' && request.applicantId === actor.userId) ||
    (actor.role === 'reviewer' && reviewsDistrict(actor, request.districtCode) && request.state !== 'draft');
  if (!allowed) throw notFound();
  return request;
}

/** The applicant's own request, in a state where the applicant may still change it. */
export async function editableRequest(db: Db, actor: Actor, id: string) {
  const request = await requestFor(db, actor, id);
  if (actor.role !== 'applicant') throw refusal('not-your-request');
  if (request.state !== 'draft' && request.state !== 'returned') {
    throw problem(
      'request-not-editable',
      409,
      `This request is ${request.state}; it can be changed only as a draft or when returned for correction`,
      `该申请当前状态为「${request.state}」，只有草稿或被退回修改时才能修改`,
      { state: request.state },
    );
  }
  return request;
}
