import { condition, setHandler } from '@temporalio/workflow';
import { nationalOnce, records } from './activities.ts';
import { reviewedRecordChange } from './record-change.ts';
import { contactChangeAppliedUpdate, contactChangeWorkflowId, type RequestInput, type RequestStatus } from './messages.ts';
import { RequestLifecycle } from './request-lifecycle.ts';

/**
 * Information change (信息变更) of what needs proof: submit → district review ⇄ correction → approved →
 * the record's modules change, with history → the new version goes to the national platform.
 */
export async function changeRequest(input: RequestInput): Promise<RequestStatus> {
  return reviewedRecordChange(input, records.applyChange);
}

/**
 * A contact change (mobile, email, address): no review. The record changes at once (the API's call is
 * answered then), and the new version is synced to the national platform, retried until it is accepted.
 */
export async function contactChangeRequest(input: RequestInput): Promise<RequestStatus> {
  const request = new RequestLifecycle(input);
  let applied = false;
  setHandler(
    contactChangeAppliedUpdate,
    async () => {
      await condition(() => applied);
      return request.status;
    },
    { validator: ({ actor }) => request.mustBeApplicant(actor) },
  );
  await request.enter('recording', { type: 'contactChanged', actorId: input.applicantId });
  const { personId } = await records.applyContactChange({ requestId: input.requestId });
  applied = true;
  await request.enter('uploading', { type: 'uploading' });
  await request.untilAccepted(() =>
    nationalOnce.uploadToNational({
      requestId: input.requestId,
      personId,
      kind: 'change',
      idempotencyKey: `${contactChangeWorkflowId(input.requestId)}:national-upload`,
    }),
  );
  return request.close('completed');
}
