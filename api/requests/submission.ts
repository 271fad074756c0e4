import { WithStartWorkflowOperation } from '@temporalio/client';
import { reviewsDistrict } from '../../domain/reviewer-districts.ts';
import type { Request } from '../../generated/prisma/client.ts';
import type { ReviewDecision } from '../../domain/review-rules.ts';
import {
  districtReviewUpdate,
  resubmitUpdate,
  submitUpdate,
  type Actor,
  type RequestInput,
  type RequestStatus,
} from '../../workflows/messages.ts';
import { searchAttributesOf } from '../lib/search-attributes.ts';
import type { ApiDeps } from '../deps.ts';
import { problem, refusal } from '../problem.ts';
import { editableRequest, requestFor, requestWithMaterialsFor } from './access.ts';
import { assertNoOpenTransfer } from '../records/access.ts';
import { specOf, type SubmissionFacts } from './kinds/index.ts';
import { currentMaterials } from './materials.ts';
import { askWorkflow } from '../lib/temporal-errors.ts';

/**
 * Submits a draft: the whole request is checked, the person's one open request of its kind is claimed,
 * and the workflow is started with the submit Update in the same call (update-with-start), so the
 * answer is already the workflow's accepted state.
 *
 * Its round trips: one read (the request with its materials), the kind's checks and the open-transfer
 * check side by side (their refusals still in this order), one write (the claim), one Temporal call.
 */
export async function submitRequest(deps: ApiDeps, actor: Actor, id: string): Promise<RequestStatus> {
  const { materials, employmentConfirmation, ...request } = await requestWithMaterialsFor(deps.db, actor, id);
  if (actor.role !== 'applicant') throw refusal('not-your-request');
  if (request.state !== 'draft') throw refusal('already-submitted');
  const spec = specOf(request.kind);
  const facts = await checkComplete(deps, request, {
    materialKinds: materials.map((m) => m.kind as string),
    confirmed: employmentConfirmation !== null,
  });
  await firstRefusal([spec.assertCanStart(deps, facts), assertNoOpenTransfer(deps.db, facts.archiveNoHash, request)]);
  await claimOpenKey(deps, request.id, spec.openKey(facts.archiveNoHash), facts);

  const input: RequestInput = {
    requestId: request.id,
    kind: request.kind,
    provinceCode: request.provinceCode,
    districtCode: facts.districtCode,
    applicantId: request.applicantId ?? undefined,
    counterpartProvince: facts.counterpartProvince,
    reviewDeadline: deps.env.REVIEW_DEADLINE,
    correctionDeadline: deps.env.CORRECTION_DEADLINE,
    correctionReminder: deps.env.CORRECTION_REMINDER,
    destinationDeadline: deps.env.DESTINATION_DEADLINE,
  };
  const start = new WithStartWorkflowOperation(spec.workflowType, {
    workflowId: request.workflowId,
    taskQueue: deps.taskQueue,
    args: [input],
    // A repeated submit reaches the same workflow, whose validator refuses it: never a second workflow.
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: searchAttributesOf(input),
    staticSummary: `${request.kind} request ${request.id} (district ${facts.districtCode})`,
    staticDetails: `Applicant account ${request.applicantId}. Personal data stays in the database; this workflow carries ids only.`,
  });
  return askWorkflow(() =>
    deps.temporal.workflow.executeUpdateWithStart(submitUpdate, { args: [{ actor }], startWorkflowOperation: start }),
  ) as Promise<RequestStatus>;
}

/** Resubmits a returned request once the whole request passes again. */
export async function resubmitRequest(deps: ApiDeps, actor: Actor, id: string): Promise<RequestStatus> {
  const request = await editableRequest(deps.db, actor, id);
  if (request.state !== 'returned') throw refusal('not-returned');
  await checkComplete(deps, request);
  return askWorkflow(() => deps.temporal.workflow.getHandle(request.workflowId).executeUpdate(resubmitUpdate, { args: [{ actor }] }));
}

/** A district reviewer's decision. The API checks the district; the workflow's validator checks it again. */
export async function reviewRequest(deps: ApiDeps, actor: Actor, id: string, decision: ReviewDecision): Promise<RequestStatus> {
  // Who may not see the request learns nothing of it (404), as when reading it; who may see it but not decide gets 403.
  const request = await requestFor(deps.db, actor, id);
  if (actor.role !== 'reviewer') throw refusal('not-a-reviewer');
  if (!reviewsDistrict(actor, request.districtCode)) throw refusal('wrong-district');
  // Its workflow has ended (withdrawn, expired...): there is nobody left to answer.
  if (request.closedAt) throw refusal('request-closed');
  return askWorkflow(() =>
    deps.temporal.workflow.getHandle(request.workflowId).executeUpdate(districtReviewUpdate, { args: [{ ...decision, actor }] }),
  );
}

/**
 * The whole request, its materials and the commitment letter, checked together before a (re)submit.
 * All that is wrong is reported at once, each with its field and rule, and nothing changes.
 */
async function checkComplete(
  deps: ApiDeps,
  request: Request,
  known?: { materialKinds: string[]; confirmed: boolean },
): Promise<SubmissionFacts> {
  const uploaded = known?.materialKinds ?? (await currentMaterials(deps, request.id)).map((m) => m.kind as string);
  const confirmed =
    known?.confirmed ??
    (await deps.db.employmentConfirmation.findUnique({ where: { requestId: request.id }, select: { id: true } })) !== null;
  // The employer unit's online confirmation stands for the work-proof scan.
  if (confirmed) uploaded.push('workProof');
  const opened = { ...request, form: deps.personalData.openAt('', request.form) };
  const { violations, facts } = await specOf(request.kind).check(deps, opened, uploaded);
  if (violations.length || !facts) {
    throw problem(
      'request-incomplete',
      422,
      `The request cannot be submitted yet: ${violations.map((v) => (v.path ? `${v.path}: ${v.en}` : v.en)).join('; ')}`,
      `申请尚不能提交：${violations.map((v) => (v.path ? `${v.path}：${v.zh}` : v.zh)).join('；')}`,
      { violations, rule: violations[0]?.rule },
    );
  }
  return facts;
}

/** Runs checks together; the first of them (in the order given) that refuses decides the answer. */
async function firstRefusal(checks: Promise<unknown>[]): Promise<void> {
  for (const r of await Promise.allSettled(checks)) if (r.status === 'rejected') throw r.reason;
}

async function claimOpenKey(deps: ApiDeps, requestId: string, openKey: string, facts: SubmissionFacts) {
  try {
    await deps.db.request.update({
      // Still a draft: one withdrawn a moment ago is not submitted (api/requests/withdrawal.ts).
      where: { id: requestId, state: 'draft' },
      data: {
        openKey,
        archiveNoHash: facts.archiveNoHash,
        archiveNoSealed: facts.archiveNoSealed,
        districtCode: facts.districtCode,
        counterpartProvince: facts.counterpartProvince ?? null,
      },
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'P2025') throw refusal('request-closed');
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
