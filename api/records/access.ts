import type { Db } from '../../clients/db.ts';
import { districtsOfActor, reviewsDistrict } from '../../domain/reviewer-districts.ts';
import type { Actor } from '../../workflows/messages.ts';
import { type RequestKind, TRANSFER_KINDS } from '../../domain/enums.ts';
import { problem, problems } from '../problem.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const notFound = () => problems.notFound('The person', '该人员');

/**
 * Loads a person's record the actor may see: the person themself, reviewers of the person's district,
 * administrators. To anyone else it does not exist (404). `me` is the applicant's own record.
 */
export async function personFor(db: Db, actor: Actor, personId: string) {
  let person: Awaited<ReturnType<Db['person']['findUnique']>>;
  if (personId === 'me') {
    if (actor.role !== 'applicant') throw notFound();
    // An active record before one transferred away.
    person = await db.person.findFirst({ where: { applicantId: actor.userId }, orderBy: [{ status: 'asc' }, { updatedAt: 'desc' }] });
  } else {
    person = UUID.test(personId) ? await db.person.findUnique({ where: { id: personId } }) : null;
  }
  if (!person) throw notFound();
  const allowed =
    actor.role === 'admin' ||
    (actor.role === 'applicant' && person.applicantId === actor.userId) ||
    (actor.role === 'reviewer' &&
      (reviewsDistrict(actor, person.districtCode) || (await movingInto(db, person.archiveNoHash, districtsOfActor(actor)))));
  if (!allowed) throw notFound();
  return person;
}

/** The district a person is moving to reads the record while it reviews the move: from submission until it is closed. */
async function movingInto(db: Db, archiveNoHash: string, districtCodes: readonly string[]): Promise<boolean> {
  if (districtCodes.length === 0) return false;
  const move = await db.request.findFirst({
    where: { kind: 'districtMove', archiveNoHash, districtCode: { in: [...districtCodes] }, state: { in: [...OPEN_REVIEWED_STATES] } },
    select: { id: true },
  });
  return move !== null;
}
const OPEN_REVIEWED_STATES = ['awaitingReview', 'returned', 'approved', 'recording', 'uploading'] as const;

/**
 * While a transfer of a person is open, nothing else of that person may start; nor a transfer while any
 * other request of the person is open. `starting` is the request about to start (left out of the search).
 */
export async function assertNoOpenTransfer(db: Db, archiveNoHash: string, starting?: { id: string; kind: RequestKind }) {
  const isTransfer = starting !== undefined && TRANSFER_KINDS.includes(starting.kind);
  const open = await db.request.findFirst({
    where: {
      archiveNoHash,
      openKey: { not: null },
      ...(starting ? { id: { not: starting.id } } : {}),
      ...(isTransfer ? {} : { kind: { in: [...TRANSFER_KINDS] } }),
    },
    select: { id: true, kind: true, state: true },
  });
  if (open) {
    throw problem(
      'transfer-open',
      409,
      `This person has an open ${open.kind} request (${open.id}, ${open.state}); nothing else can start or change until it is finished`,
      `该人员有一个正在办理的调转相关申请（${open.id}，${open.state}），办结前不能发起其他申请或进行其他变更`,
      { openRequestId: open.id, openRequestKind: open.kind, openRequestState: open.state },
    );
  }
}
