import { condition, setHandler } from '@temporalio/workflow';
import { dueAt, parseDeadline } from '../domain/deadlines.ts';
import { records } from './activities.ts';
import { districtReview } from './district-review.ts';
import { destinationDecisionSignal, workflowIdOf, type DestinationDecision, type RequestInput, type RequestStatus } from './messages.ts';
import { RequestLifecycle } from './request-lifecycle.ts';

/**
 * Transfer out (调出): submit → district review ⇄ correction → the transfer goes to the national
 * platform → the destination province accepts (the person is transferred out, read-only here)
 * or refuses (back to the applicant with the destination's reason).
 */
export async function transferOutRequest(input: RequestInput): Promise<RequestStatus> {
  const request = new RequestLifecycle(input);
  let answer: DestinationDecision | undefined;
  // The platform may deliver its event more than once: the first answer counts.
  setHandler(destinationDecisionSignal, (d) => {
    answer ??= d;
  });

  if ((await districtReview(request)) === 'expired') {
    return request.close('expired', 'correction deadline passed without a resubmission');
  }

  await request.enter('uploading', { type: 'uploading' });
  const key = workflowIdOf(input.kind, input.requestId);
  // Refused for good by the platform (e.g. the record is another province's): the request needs attention.
  await request.nationalStep((api) =>
    api.startNationalTransfer({ requestId: input.requestId, idempotencyKey: `${key}:national-transfer` }),
  );

  request.status.reviewDueAt = new Date(dueAt(Date.now(), parseDeadline(input.destinationDeadline ?? '30d'))).toISOString();
  await request.enter('awaitingDestination', { type: 'awaitingDestination' });
  if (!(await condition(() => answer !== undefined, Date.parse(request.status.reviewDueAt) - Date.now()))) {
    // The destination is silent: flag and remind, and keep waiting — the platform still holds the transfer.
    await request.markOverdue('destinationOverdue');
    await condition(() => answer !== undefined);
  }

  if (answer!.decision === 'refused') {
    return request.close('refused', answer!.reason ?? 'refused by the destination province');
  }
  await request.enter('recording', { type: 'destinationAccepted' });
  await records.markTransferredOut({ requestId: input.requestId });
  return request.close('completed');
}
