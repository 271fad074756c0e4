import { WithStartWorkflowOperation } from '@temporalio/client';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { ReviewDecision } from '../../domain/review.ts';
import {
  districtReviewUpdate,
  resubmitUpdate,
  submitUpdate,
  type Actor,
  type RequestInput,
  type RequestStatus,
} from '../../workflows/messages.ts';
import { DistrictCodeKey, ProvinceCodeKey, RequestKindKey, RequestStateKey, ReviewOverdueKey } from '../../workflows/search-attributes.ts';
import type { collectionRequest } from '../../workflows/collection.ts';
import type { ApiDeps } from '../deps.ts';
import { problem, problems, refusal } from '../problem.ts';
import { editableRequest, requestFor } from './access.ts';
import { checkCompleteForm } from './completeness.ts';
import { askWorkflow } from './temporal-errors.ts';

/**
 * Submits a draft: the whole form and its materials are checked, the person's one open collection is
 * claimed, and the workflow is started with the submit Update in the same call (update-with-start), so
 * the answer is already the workflow's accepted state.
 */
export async function submitRequest(deps: ApiDeps, actor: Actor, id: string): Promise<RequestStatus> {
  const request = await requestFor(deps.db, actor, id);
  if (actor.role !== 'applicant') throw refusal('not-your-request');
  if (request.state !== 'draft') throw refusal('already-submitted');
  const { archiveNo, districtCode } = await checkCompleteForm(deps, request);

  if (await deps.db.person.findUnique({ where: { archiveNo }, select: { id: true } })) {
    throw problem(
      'already-collected',
      409,
      'This person has already been collected; submit an information change instead',
      '该人员信息已采集，无需重新采集；如信息有变化，请提交信息变更',
    );
  }
  await claimOpenKey(deps, request.id, `${request.kind}:${archiveNo}`, { archiveNo, districtCode });

  const input: RequestInput = {
    requestId: request.id,
    kind: request.kind,
    provinceCode: request.provinceCode,
    districtCode,
    applicantId: request.applicantId,
    reviewDeadline: deps.env.REVIEW_DEADLINE,
    correctionDeadline: deps.env.CORRECTION_DEADLINE,
  };
  const start = new WithStartWorkflowOperation<typeof collectionRequest>('collectionRequest', {
    workflowId: request.workflowId,
    taskQueue: deps.taskQueue,
    args: [input],
    // A repeated submit reaches the same workflow, whose validator refuses it: never a second workflow.
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: [
      { key: RequestKindKey, value: request.kind },
      { key: RequestStateKey, value: 'draft' },
      { key: DistrictCodeKey, value: districtCode },
      { key: ProvinceCodeKey, value: request.provinceCode },
      { key: ReviewOverdueKey, value: false },
    ],
    staticSummary: `${request.kind} request ${request.id} (district ${districtCode})`,
    staticDetails: `Applicant account ${request.applicantId}. Personal data stays in the database; this workflow carries ids only.`,
  });
  return askWorkflow(() =>
    deps.temporal.workflow.executeUpdateWithStart(submitUpdate, { args: [{ actor }], startWorkflowOperation: start }),
  );
}

/** Resubmits a returned request once the whole form passes again. */
export async function resubmitRequest(deps: ApiDeps, actor: Actor, id: string): Promise<RequestStatus> {
  const request = await editableRequest(deps.db, actor, id);
  if (request.state !== 'returned') throw refusal('not-returned');
  await checkCompleteForm(deps, request);
  return askWorkflow(() => deps.temporal.workflow.getHandle(request.workflowId).executeUpdate(resubmitUpdate, { args: [{ actor }] }));
}

/** A district reviewer's decision. The API checks the district; the workflow's validator checks it again. */
export async function reviewRequest(deps: ApiDeps, actor: Actor, id: string, decision: ReviewDecision): Promise<RequestStatus> {
  if (actor.role !== 'reviewer') throw refusal('not-a-reviewer');
  const request = /^[0-9a-f-]{36}$/.test(id) ? await deps.db.request.findUnique({ where: { id } }) : null;
  if (!request || request.state === 'draft') throw problems.notFound('The request', '该申请');
  if (request.districtCode !== actor.districtCode) throw refusal('wrong-district');
  return askWorkflow(() =>
    deps.temporal.workflow.getHandle(request.workflowId).executeUpdate(districtReviewUpdate, { args: [{ ...decision, actor }] }),
  );
}

async function claimOpenKey(deps: ApiDeps, requestId: string, openKey: string, data: Prisma.RequestUpdateInput) {
  try {
    await deps.db.request.update({ where: { id: requestId }, data: { ...data, openKey } });
  } catch (e) {
    if ((e as { code?: string }).code !== 'P2002') throw e;
    const open = await deps.db.request.findUnique({ where: { openKey }, select: { id: true, state: true } });
    throw problem(
      'request-already-open',
      409,
      `This person already has an open request of this kind (${open?.id}, ${open?.state}); it must be finished first`,
      `该人员已有一个同类申请正在办理（${open?.id}，${open?.state}），办结后才能再次提交`,
      { openRequestId: open?.id, openRequestState: open?.state },
    );
  }
}
