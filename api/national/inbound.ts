import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { isDistrictOf } from '../../domain/districts.ts';
import type { Transfer } from '../../national/client.ts';
import type { NationalEvent, TransferDecidedEvent, TransferPulledEvent, TransferRequestedEvent } from '../../national/events.ts';
import { destinationDecisionSignal, workflowIdOf, type RequestInput } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problem, problems } from '../problem.ts';
import { searchAttributesOf } from '../lib/search-attributes.ts';
import { transferKey } from '../requests/kinds/transfers.ts';
import { requestArchiveColumns } from '../../records/person-columns.ts';
import { keepArrival } from './arrival.ts';

/**
 * What the national platform tells this province. Each event is handled idempotently (the platform
 * repeats it until acknowledged): its effect is safe to repeat, and a handled event id is remembered.
 */
export async function receiveNationalEvent(deps: ApiDeps, event: NationalEvent): Promise<{ acknowledged: true; duplicate: boolean }> {
  if (await deps.db.inboundEvent.findUnique({ where: { eventId: event.eventId }, select: { id: true } })) {
    return { acknowledged: true, duplicate: true };
  }
  const own = deps.env.PROVINCE_CODE;
  const ours = event.type === 'transfer.requested' ? event.toProvince === own : event.fromProvince === own;
  if (!ours) {
    throw problem('not-this-province', 422, `This event is addressed to another province than ${own}`, `该事件不是发给本省（${own}）的`);
  }
  const transfer = await confirmWithPlatform(deps, event);
  if (event.type === 'transfer.requested') await transferArrived(deps, event, transfer);
  else if (event.type === 'transfer.decided') await destinationDecided(deps, event);
  else await recordPulledAway(deps, event);
  await deps.db.inboundEvent.createMany({ data: [{ eventId: event.eventId, type: event.type }], skipDuplicates: true });
  return { acknowledged: true, duplicate: false };
}

/**
 * The callback URL is reachable by anyone, so an event is acted on only once the platform itself
 * confirms the transfer it describes (a forged "pulled" must not mark a person transferred out).
 */
async function confirmWithPlatform(deps: ApiDeps, e: NationalEvent): Promise<Transfer> {
  let transfer: Awaited<ReturnType<ApiDeps['national']['getTransfer']>>;
  try {
    transfer = await deps.national.getTransfer(e.transferId);
  } catch {
    throw problems.unavailable('The national platform');
  }
  const expected =
    e.type === 'transfer.requested' ? ['pending', 'accepted', 'refused'] : e.type === 'transfer.pulled' ? ['accepted'] : [e.decision];
  const confirmed =
    transfer !== null &&
    transfer.archiveNo === e.archiveNo &&
    transfer.fromProvince === e.fromProvince &&
    transfer.toProvince === e.toProvince &&
    expected.includes(transfer.status) &&
    (e.type !== 'transfer.pulled' || transfer.direction === 'pull');
  if (!confirmed) {
    deps.log.warn({ eventId: e.eventId, transferId: e.transferId, type: e.type }, 'national event not confirmed by the platform; ignored');
    throw problem('event-not-confirmed', 422, 'The national platform does not confirm this event', '全国平台未确认该事件，不予处理');
  }
  return transfer!;
}

/** The same transfer always becomes the same request (and so the same workflow). */
function requestIdOfTransfer(transferId: string): string {
  const h = createHash('sha256').update(`transfer:${transferId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A transfer another province sent: it waits for a reviewer of the receiving district. */
async function transferArrived(deps: ApiDeps, e: TransferRequestedEvent, transfer: Transfer) {
  if (!e.toDistrict || !isDistrictOf(deps.env.PROVINCE_CODE, e.toDistrict)) {
    // Nobody here could review it: refuse at once, with the reason, so the origin's applicant can correct it.
    await deps.national.decideTransfer({
      transferId: e.transferId,
      decision: 'refused',
      reason: `目标区县 ${e.toDistrict ?? '(未填写)'} 不属于本省 / the district ${e.toDistrict ?? '(none)'} is not one of this province's`,
      idempotencyKey: `${e.eventId}:refuse-unknown-district`,
    });
    return;
  }
  const requestId = requestIdOfTransfer(e.transferId);
  const archive = requestArchiveColumns(e.archiveNo, deps.personalData);
  const workflowId = workflowIdOf('transferIn', requestId);
  const data = {
    id: requestId,
    kind: 'transferIn' as const,
    state: 'draft' as const,
    applicantId: null,
    ...archive,
    provinceCode: deps.env.PROVINCE_CODE,
    districtCode: e.toDistrict,
    counterpartProvince: e.fromProvince,
    transferId: e.transferId,
    workflowId,
  };
  try {
    await deps.db.request.createMany({ data: [{ ...data, openKey: transferKey(archive.archiveNoHash) }], skipDuplicates: true });
  } catch (err) {
    // Another transfer of this person is open here; this one is still received and reviewed.
    if ((err as { code?: string }).code !== 'P2002') throw err;
    await deps.db.request.createMany({ data: [data], skipDuplicates: true });
  }
  await keepArrival(deps, requestId, e, transfer);
  const input: RequestInput = {
    requestId,
    kind: 'transferIn',
    provinceCode: deps.env.PROVINCE_CODE,
    districtCode: e.toDistrict,
    counterpartProvince: e.fromProvince,
    reviewDeadline: deps.env.REVIEW_DEADLINE,
    correctionDeadline: deps.env.CORRECTION_DEADLINE,
  };
  try {
    await deps.temporal.workflow.start('receivedTransferRequest', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: searchAttributesOf(input),
      staticSummary: `transfer in from ${e.fromProvince}, request ${requestId} (district ${e.toDistrict})`,
      staticDetails: `National transfer ${e.transferId}. Sent by the origin province; a reviewer of district ${e.toDistrict} accepts or refuses it.`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** The destination's answer to one of our transfers out goes to the waiting workflow. */
async function destinationDecided(deps: ApiDeps, e: TransferDecidedEvent) {
  const request = await deps.db.request.findUnique({ where: { transferId: e.transferId }, select: { workflowId: true } });
  if (!request)
    throw problem('unknown-transfer', 404, `No transfer out ${e.transferId} started here`, `本省没有发起过调出 ${e.transferId}`);
  await deps.temporal.workflow.getHandle(request.workflowId).signal(destinationDecisionSignal, { decision: e.decision, reason: e.reason });
}

/** The destination took the record over: the person is transferred out here, read-only, with a history row. */
async function recordPulledAway(deps: ApiDeps, e: TransferPulledEvent) {
  await deps.db.$transaction(async (tx) => {
    const person = await tx.person.findUnique({ where: { archiveNoHash: deps.personalData.lookup('idNumber', e.archiveNo) } });
    if (!person || person.status === 'transferredOut') return;
    await tx.person.update({
      where: { id: person.id },
      data: { status: 'transferredOut', transferredTo: e.toProvince, transferredAt: new Date() },
    });
    await tx.personHistory.create({
      data: {
        personId: person.id,
        field: 'status',
        oldValue: { status: 'active', province: e.fromProvince },
        newValue: { status: 'transferredOut', province: e.toProvince, transferId: e.transferId },
      },
    });
  });
}
