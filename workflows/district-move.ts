import { national, records } from './activities.ts';
import { districtReview } from './district-review.ts';
import { workflowIdOf, type RequestInput, type RequestStatus } from './messages.ts';
import { RequestLifecycle } from './request-lifecycle.ts';

/**
 * District move (省内调转): the receiving district reviews; on approval the record's district
 * changes, with a history row, and the new version goes to the national platform.
 */
export async function districtMoveRequest(input: RequestInput): Promise<RequestStatus> {
  const request = new RequestLifecycle(input);
  await request.awaitSubmission();
  if ((await districtReview(request)) === 'expired') {
    return request.close('expired', 'correction deadline passed without a resubmission');
  }
  await request.enter('recording', { type: 'recording' });
  const { personId } = await records.moveDistrict({ requestId: input.requestId });
  await request.enter('uploading', { type: 'uploading' });
  await national.uploadToNational({
    requestId: input.requestId,
    personId,
    kind: 'change',
    idempotencyKey: `${workflowIdOf(input.kind, input.requestId)}:national-upload`,
  });
  return request.close('completed');
}
