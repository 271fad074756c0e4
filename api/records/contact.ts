import { WithStartWorkflowOperation } from '@temporalio/client';
import { CONTACT_FIELDS } from '../../domain/change.ts';
import type { ContactChange } from '../../domain/schemas/person-records.ts';
import {
  contactChangeAppliedUpdate,
  contactChangeWorkflowId,
  type Actor,
  type RequestInput,
  type RequestStatus,
} from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { searchAttributesOf } from '../lib/search-attributes.ts';
import { askWorkflow } from '../lib/temporal-errors.ts';
import { assertNoOpenTransfer, personFor } from './access.ts';
import { assertActive } from './problems.ts';

/**
 * A contact change (mobile, email, address) takes effect at once, without review. It is a small request
 * of kind `change` (its form holds the new values, nobody reviews it) run by the `contactChangeRequest`
 * workflow: the workflow updates the record with a history row per field and answers this call, then
 * syncs the new version to the national platform, retried until accepted. The workflow carries ids only.
 */
export async function changeContact(deps: ApiDeps, actor: Actor, personId: string, body: ContactChange) {
  const person = await personFor(deps.db, actor, personId);
  if (actor.role !== 'applicant' || person.applicantId !== actor.userId) {
    throw problem('not-your-record', 403, 'Only the person themself changes their contact details', '联系方式只能由本人修改');
  }
  assertActive(person);
  await assertNoOpenTransfer(deps.db, person.archiveNoHash);
  const current = { mobile: deps.personalData.open('mobile', person.mobileSealed), email: person.email, address: person.address };
  const changed = CONTACT_FIELDS.filter((f) => body[f] !== undefined && body[f] !== current[f]);
  if (!changed.length) return { personId: person.id, requestId: null, changed, state: 'unchanged', contact: current };

  const id = crypto.randomUUID();
  const workflowId = contactChangeWorkflowId(id);
  await deps.db.request.create({
    data: {
      id,
      kind: 'change',
      // Never a draft: nothing to fill in, submit or review.
      state: 'recording',
      applicantId: actor.userId,
      archiveNoHash: person.archiveNoHash,
      archiveNoSealed: person.archiveNoSealed,
      provinceCode: deps.env.PROVINCE_CODE,
      districtCode: person.districtCode,
      workflowId,
      form: deps.personalData.sealAt('', { contact: Object.fromEntries(changed.map((f) => [f, body[f]])) }),
      submittedAt: new Date(),
    },
  });
  const input: RequestInput = {
    requestId: id,
    kind: 'change',
    provinceCode: deps.env.PROVINCE_CODE,
    districtCode: person.districtCode,
    applicantId: actor.userId,
    reviewDeadline: deps.env.REVIEW_DEADLINE,
    correctionDeadline: deps.env.CORRECTION_DEADLINE,
  };
  const start = new WithStartWorkflowOperation('contactChangeRequest', {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: searchAttributesOf(input),
    staticSummary: `contact change ${id} (district ${person.districtCode})`,
    staticDetails: `Applicant account ${actor.userId}. The new values stay in the database; this workflow carries ids only.`,
  });
  let status: RequestStatus;
  try {
    status = await askWorkflow(() =>
      deps.temporal.workflow.executeUpdateWithStart(contactChangeAppliedUpdate, { args: [{ actor }], startWorkflowOperation: start }),
    );
  } catch (e) {
    // Not started at all: nothing took effect, so the request is closed rather than left dangling.
    const started = await deps.temporal.workflow
      .getHandle(workflowId)
      .describe()
      .then(
        () => true,
        () => false,
      );
    if (!started) {
      await deps.db.request.update({
        where: { id },
        data: { state: 'withdrawn', closedAt: new Date(), closedReason: 'the workflow could not be started' },
      });
    }
    throw e;
  }
  const updated = await deps.db.person.findUniqueOrThrow({ where: { id: person.id } });
  return {
    personId: person.id,
    requestId: id,
    changed,
    state: status.state,
    contact: { mobile: deps.personalData.open('mobile', updated.mobileSealed), email: updated.email, address: updated.address },
  };
}
