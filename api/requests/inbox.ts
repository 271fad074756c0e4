import type { Prisma, Request } from '../../generated/prisma/client.ts';
import { codesOf, requestKinds, type RequestKind } from '../../domain/enums.ts';
import { districtsOfActor } from '../../domain/reviewer-districts.ts';
import { maskIdNumber } from '../../domain/identity.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problems } from '../problem.ts';
import { arrivalOf } from './arrival-snapshot.ts';

/** What a reviewer's inbox holds: requests waiting for the district's decision, or for the applicant's correction. */
export const INBOX_STATES = ['awaitingReview', 'returned'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

export interface InboxFilter {
  page: number;
  pageSize: number;
  kind?: RequestKind;
  state: InboxState;
  overdue?: boolean;
}

/** Past its due time: the review's (flagged by the workflow, or due already), or the correction's while returned. */
function overdueWhere(state: InboxState, now: Date): Prisma.RequestWhereInput {
  return state === 'awaitingReview' ? { OR: [{ overdue: true }, { reviewDueAt: { lt: now } }] } : { correctionDueAt: { lt: now } };
}

function whereOf(
  districts: readonly string[],
  f: { kind?: RequestKind; state: InboxState; overdue?: boolean },
  now: Date,
): Prisma.RequestWhereInput {
  const overdue = overdueWhere(f.state, now);
  return {
    districtCode: { in: [...districts] },
    state: f.state,
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.overdue === true ? overdue : f.overdue === false ? { NOT: overdue } : {}),
  };
}

/**
 * The reviewer's inbox (every district the reviewer has): oldest first, each item telling who it is about (name; the archive number masked,
 * as lists show it), what it is and where it comes from or what it changes; with the count of every
 * filter's choices given the other filters, so a reviewer sees where the work is before choosing.
 */
export async function reviewInbox(deps: ApiDeps, actor: Actor, f: InboxFilter) {
  // The districts the account has now: one taken away leaves the inbox at once.
  const district = districtsOfActor(actor);
  if (actor.role !== 'reviewer' || !district.length) throw problems.forbidden();
  const now = new Date();
  const where = whereOf(district, f, now);
  const [total, rows, byKindRows, byState, overdueCount] = await Promise.all([
    deps.db.request.count({ where }),
    deps.db.request.findMany({
      where,
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
    }),
    deps.db.request.groupBy({ by: ['kind'], where: whereOf(district, { ...f, kind: undefined }, now), _count: { _all: true } }),
    Promise.all(INBOX_STATES.map((state) => deps.db.request.count({ where: whereOf(district, { ...f, state }, now) }))),
    deps.db.request.count({ where: whereOf(district, { ...f, overdue: true }, now) }),
  ]);
  const names = await namesOf(deps, rows);
  const byKind = Object.fromEntries(codesOf(requestKinds).map((k) => [k, 0])) as Record<RequestKind, number>;
  for (const r of byKindRows) byKind[r.kind] = r._count._all;
  return {
    page: f.page,
    pageSize: f.pageSize,
    total,
    counts: {
      byKind,
      byState: Object.fromEntries(INBOX_STATES.map((s, i) => [s, byState[i]!])) as Record<InboxState, number>,
      overdue: overdueCount,
    },
    items: rows.map((r) => inboxItem(deps, r, names, now)),
  };
}

type Names = Map<string, { name: string; districtCode: string }>;

/** The names of the people the page is about, in one read: their records here, where they have one. */
async function namesOf(deps: ApiDeps, rows: Request[]): Promise<Names> {
  const hashes = [...new Set(rows.map((r) => r.archiveNoHash).filter((h): h is string => h !== null))];
  if (hashes.length === 0) return new Map();
  const people = await deps.db.person.findMany({
    where: { archiveNoHash: { in: hashes } },
    select: { archiveNoHash: true, name: true, districtCode: true },
  });
  return new Map(people.map((p) => [p.archiveNoHash, { name: p.name, districtCode: p.districtCode }]));
}

type Form = Record<string, unknown> & {
  basic?: { name?: string };
  transfer?: { toProvince?: string; toDistrict?: string; fromProvince?: string };
};

function inboxItem(deps: ApiDeps, r: Request, names: Names, now: Date) {
  const form = (r.form ?? {}) as Form;
  const here = r.archiveNoHash ? names.get(r.archiveNoHash) : undefined;
  const arrival = arrivalOf(r.form);
  const province = deps.env.PROVINCE_CODE;
  const dueAt = r.state === 'returned' ? r.correctionDueAt : r.reviewDueAt;
  return {
    requestId: r.id,
    kind: r.kind,
    state: r.state as InboxState,
    // A collection names the person in its form; a transfer sent here in the record that came with it.
    name: form.basic?.name ?? here?.name ?? arrival?.record.basic?.name ?? null,
    archiveNo: r.archiveNoSealed ? maskIdNumber(deps.personalData.open('idNumber', r.archiveNoSealed)) : null,
    round: r.round,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    /** A transfer sent by another province is received, not submitted: nobody here applied for it. */
    received: r.kind === 'transferIn' && r.applicantId === null,
    reviewDueAt: r.reviewDueAt?.toISOString() ?? null,
    correctionDueAt: r.correctionDueAt?.toISOString() ?? null,
    // The workflow flags it durably; the due time shows it at once even between the flag's timer ticks.
    overdue: (r.state === 'awaitingReview' && r.overdue) || (dueAt !== null && dueAt.getTime() < now.getTime()),
    origin:
      r.kind === 'transferIn'
        ? { provinceCode: r.counterpartProvince, districtCode: arrival?.record.districtCode ?? null }
        : r.kind === 'districtMove'
          ? { provinceCode: province, districtCode: here?.districtCode ?? null }
          : null,
    destination: r.kind === 'transferOut' ? { provinceCode: r.counterpartProvince, districtCode: form.transfer?.toDistrict ?? null } : null,
    changes: r.kind === 'change' ? changedParts(form) : null,
  };
}

/** A change's form holds only the parts that change (its saved parts, by name). */
function changedParts(form: Form): string[] {
  return Object.keys(form).filter((k) => form[k] !== null && form[k] !== undefined);
}
