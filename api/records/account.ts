import { normalizeIdNumber } from '../../domain/identity.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { refusal } from '../problem.ts';

/**
 * The one thing an applicant account can do next about its record (GET /people/me/next-step, and the
 * refusals that would otherwise leave it in a loop):
 * - `change`: its record is here and active; changes go through an information change.
 * - `wait`: a request of its own is being handled (requestId, kind, state).
 * - `correct`: a request of its own was returned for correction.
 * - `claim`: a record received from another province carries the ID number it entered; claim it.
 * - `collect`: nothing here yet; collect (or continue the collection draft, requestId).
 * - `transferredOut`: its record has moved to another province (province), which keeps it now.
 */
export type NextStep =
  | { step: 'change'; personId: string }
  | { step: 'wait' | 'correct'; requestId: string; kind: string; state: string }
  | { step: 'claim' }
  | { step: 'collect'; requestId?: string }
  | { step: 'transferredOut'; province: string | null };

const WAITING = ['awaitingReview', 'approved', 'recording', 'uploading', 'awaitingDestination', 'needsAttention'];

export async function nextStepOf(deps: ApiDeps, actor: Actor): Promise<NextStep> {
  const [mine, requests] = await Promise.all([
    deps.db.person.findFirst({
      where: { applicantId: actor.userId, provinceCode: deps.env.PROVINCE_CODE },
      orderBy: [{ status: 'asc' }, { updatedAt: 'desc' }],
      select: { id: true, status: true, transferredTo: true },
    }),
    deps.db.request.findMany({
      where: { applicantId: actor.userId },
      orderBy: { createdAt: 'desc' },
      take: 50,
      select: { id: true, kind: true, state: true, form: true },
    }),
  ]);
  const returned = requests.find((r) => r.state === 'returned');
  if (returned) return { step: 'correct', requestId: returned.id, kind: returned.kind, state: returned.state };
  const waiting = requests.find((r) => WAITING.includes(r.state));
  if (waiting) return { step: 'wait', requestId: waiting.id, kind: waiting.kind, state: waiting.state };
  if (mine?.status === 'active') return { step: 'change', personId: mine.id };
  if (await claimable(deps, requests)) return { step: 'claim' };
  if (mine) return { step: 'transferredOut', province: mine.transferredTo };
  const draft = requests.find((r) => r.kind === 'collection' && r.state === 'draft');
  return draft ? { step: 'collect', requestId: draft.id } : { step: 'collect' };
}

/** Whether a collection draft of the account names a record received here that no account has claimed. */
async function claimable(deps: ApiDeps, requests: { kind: string; state: string; form: unknown }[]): Promise<boolean> {
  const hashes: string[] = [];
  for (const r of requests) {
    if (r.kind !== 'collection' || r.state !== 'draft') continue;
    const form = deps.personalData.openAt('', r.form ?? {}) as { basic?: { idNumber?: unknown } };
    const idNumber = form.basic?.idNumber;
    if (typeof idNumber === 'string' && idNumber) hashes.push(deps.personalData.lookup('idNumber', normalizeIdNumber(idNumber)));
  }
  if (!hashes.length) return false;
  return (await unclaimedOf(deps, hashes)) !== null;
}

const unclaimedOf = (deps: ApiDeps, hashes: string[]) =>
  deps.db.person.findFirst({
    where: { archiveNoHash: { in: hashes }, provinceCode: deps.env.PROVINCE_CODE, status: 'active', applicantId: null },
    select: { id: true },
  });

/** Whether the person with this archive number arrived here and is claimed by no account: the refusals point to the claim. */
export async function isUnclaimed(deps: ApiDeps, archiveNoHash: string): Promise<boolean> {
  return (await unclaimedOf(deps, [archiveNoHash])) !== null;
}

const sameName = (a: string, b: string) => a.normalize('NFKC').replace(/\s+/g, '') === b.normalize('NFKC').replace(/\s+/g, '');

/**
 * Real-name claim (实名认领) of a record received from another province: the ID number the account gives must be
 * the record's archive number and the name its name. The account becomes the record's, recorded in the record's
 * history (who, when, how); one account per person.
 */
export async function claimRecord(deps: ApiDeps, actor: Actor, body: { idNumber: string; name: string }) {
  const archiveNoHash = deps.personalData.lookup('idNumber', normalizeIdNumber(body.idNumber));
  const person = await deps.db.person.findFirst({
    where: { archiveNoHash, provinceCode: deps.env.PROVINCE_CODE, status: 'active' },
    select: { id: true, name: true, applicantId: true },
  });
  // The same answer whether the number or the name is wrong: the claim tells no one who is kept here.
  if (!person || !sameName(person.name, body.name)) {
    throw refusal('claim-no-match', {
      rule: 'claim.realName',
      violations: [
        {
          path: 'idNumber',
          rule: 'claim.realName',
          en: 'does not match a record received here with this name',
          zh: '与本省接收的会计人员信息不一致',
        },
        { path: 'name', rule: 'claim.realName', en: 'does not match the record of this ID number', zh: '与该证件号码的会计人员信息不一致' },
      ],
    });
  }
  if (person.applicantId === actor.userId) return { personId: person.id, claimedAt: null, already: true };
  if (person.applicantId) throw refusal('claim-taken', { rule: 'claim.oneAccount' });
  const own = await deps.db.person.findFirst({
    where: { applicantId: actor.userId, provinceCode: deps.env.PROVINCE_CODE, status: 'active' },
    select: { id: true },
  });
  if (own) throw refusal('claim-has-record', { rule: 'claim.oneAccount' });
  const at = new Date();
  const claimed = await deps.db.$transaction(async (tx) => {
    // Only while still unclaimed: two accounts claiming at once, one wins.
    const { count } = await tx.person.updateMany({ where: { id: person.id, applicantId: null }, data: { applicantId: actor.userId } });
    if (count === 0) return false;
    await tx.personHistory.create({
      data: {
        personId: person.id,
        actorId: actor.userId,
        field: 'account',
        oldValue: { applicantId: null },
        newValue: { applicantId: actor.userId, via: 'realNameClaim', at: at.toISOString() },
        at,
      },
    });
    return true;
  });
  if (!claimed) throw refusal('claim-taken', { rule: 'claim.oneAccount' });
  return { personId: person.id, claimedAt: at.toISOString(), already: false };
}
