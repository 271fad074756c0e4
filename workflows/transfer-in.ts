import { districtReview } from './district-review.ts';
import { workflowIdOf, type RequestInput, type RequestStatus } from './messages.ts';
import { RequestLifecycle } from './request-lifecycle.ts';

/**
 * Transfer in (调入) applied for here: submit → district review ⇄ correction → the record is taken
 * over from the national platform and imported with its history → the origin is told (by the platform).
 */
export async function transferInRequest(input: RequestInput): Promise<RequestStatus> {
  const request = new RequestLifecycle(input);
  if ((await districtReview(request)) === 'expired') {
    return request.close('expired', 'correction deadline passed without a resubmission');
  }
  const key = workflowIdOf(input.kind, input.requestId);
  await request.enter('recording', { type: 'importing' });
  // A national call refused for good makes the request need attention (RequestLifecycle.nationalStep), here and below.
  const { personId } = await request.nationalStep((api) =>
    api.pullAndImport({ requestId: input.requestId, idempotencyKey: `${key}:national-pull` }),
  );
  await announceArrival(request, personId, key);
  return request.close('completed');
}

/**
 * A transfer another province sent here: it waits for a reviewer of the receiving district, who
 * accepts it (the record is imported) or refuses it (the reason goes back to the origin). There is no
 * correction loop: nobody here can correct what another province sent.
 */
export async function receivedTransferRequest(input: RequestInput): Promise<RequestStatus> {
  const request = new RequestLifecycle(input);
  const outcome = await districtReview(request, { enters: 'byArrival' });
  const key = workflowIdOf(input.kind, input.requestId);
  if (outcome === 'refused' && request.status.state === 'refused') {
    // Refused with its reason (`refused`): recorded as refused when decided; the origin is told the reason.
    await request.nationalStep((api) =>
      api.decideReceivedTransfer({ requestId: input.requestId, decision: 'refused', idempotencyKey: `${key}:national-decision` }),
    );
    return request.finish();
  }
  if (outcome === 'refused') {
    // Refused the way earlier clients did it (`returned`, with reasons): the reasons are the refusal's.
    const reasons = request.status.returned?.reasons.map((r) => r.reason).join('; ') ?? 'refused';
    await request.enter('uploading', { type: 'refusing' });
    await request.nationalStep((api) =>
      api.decideReceivedTransfer({ requestId: input.requestId, decision: 'refused', idempotencyKey: `${key}:national-decision` }),
    );
    return request.close('refused', reasons);
  }
  await request.enter('recording', { type: 'importing' });
  const { personId } = await request.nationalStep((api) =>
    api.decideReceivedTransfer({ requestId: input.requestId, decision: 'accepted', idempotencyKey: `${key}:national-decision` }),
  );
  await announceArrival(request, personId!, key);
  return request.close('completed');
}

/** The record, now kept here, goes back to the platform as this province's version. */
async function announceArrival(request: RequestLifecycle, personId: string, key: string): Promise<void> {
  await request.enter('uploading', { type: 'uploading' });
  await request.nationalStep((api) =>
    api.uploadToNational({
      requestId: request.input.requestId,
      personId,
      kind: 'transferImport',
      idempotencyKey: `${key}:national-upload`,
    }),
  );
}
