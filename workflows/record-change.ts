import { nationalOnce } from './activities.ts';
import { districtReview } from './district-review.ts';
import { workflowIdOf, type RequestInput, type RequestStatus } from './messages.ts';
import { RequestLifecycle } from './request-lifecycle.ts';

/**
 * The flow every reviewed change to an existing record follows: submit → district review ⇄ correction
 * → the record changes (`apply`, with history) → the new version goes to the national platform.
 */
export async function reviewedRecordChange(
  input: RequestInput,
  apply: (args: { requestId: string }) => Promise<{ personId: string }>,
): Promise<RequestStatus> {
  const request = new RequestLifecycle(input);
  if ((await districtReview(request)) === 'expired') {
    return request.close('expired', 'correction deadline passed without a resubmission');
  }
  await request.enter('recording', { type: 'recording' });
  const { personId } = await apply({ requestId: input.requestId });
  await request.enter('uploading', { type: 'uploading' });
  await request.untilAccepted(() =>
    nationalOnce.uploadToNational({
      requestId: input.requestId,
      personId,
      kind: 'change',
      idempotencyKey: `${workflowIdOf(input.kind, input.requestId)}:national-upload`,
    }),
  );
  return request.close('completed');
}
