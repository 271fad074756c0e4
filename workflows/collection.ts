import { nationalOnce, records } from './activities.ts';
import { districtReview } from './district-review.ts';
import { workflowIdOf, type RequestInput, type RequestStatus } from './messages.ts';
import { RequestLifecycle } from './request-lifecycle.ts';

/**
 * Information collection (信息采集): submit → district review ⇄ correction → approved →
 * official record written → uploaded to the national platform → completed.
 */
export async function collectionRequest(input: RequestInput): Promise<RequestStatus> {
  const request = new RequestLifecycle(input);
  if ((await districtReview(request)) === 'expired') {
    return request.close('expired', 'correction deadline passed without a resubmission');
  }

  await request.enter('recording', { type: 'recording' });
  const { personId } = await records.recordPerson({ requestId: input.requestId });

  await request.enter('uploading', { type: 'uploading' });
  // Derived from the workflow, so a retried upload is the same national call, never a second record.
  const idempotencyKey = `${workflowIdOf(input.kind, input.requestId)}:national-upload`;
  await request.untilAccepted(() =>
    nationalOnce.uploadToNational({ requestId: input.requestId, personId, kind: 'collection', idempotencyKey }),
  );

  return request.close('completed');
}
