import { retryNationalUpdate, withdrawUpdate, type Actor, type RequestStatus } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { askWorkflow } from '../lib/temporal-errors.ts';
import { refusal } from '../problem.ts';
import { requestFor } from './access.ts';
import { requestStatus } from './views.ts';

/**
 * Steering a request: withdrawing it, retrying what the national platform refused.
 *
 * Withdraws (撤回) a request. A submitted one is withdrawn by its workflow (an Update, whose validator
 * has the last word on whether it may be, so the answer is the closed request); a draft has no workflow
 * yet and is closed here, unless its submission has begun.
 */
export async function withdrawRequest(deps: ApiDeps, actor: Actor, id: string, reason?: string): Promise<RequestStatus> {
  const request = await requestFor(deps.db, actor, id);
  if (actor.role === 'applicant') {
    if (request.applicantId !== actor.userId) throw refusal('not-your-request');
  } else if (actor.role !== 'admin') throw refusal('withdraw-not-allowed');
  else if (!reason) throw refusal('withdraw-reason-required');

  if (request.state === 'draft' && request.openKey === null) {
    const closedReason = reason ?? 'withdrawn by the applicant';
    const closed = await deps.db.$transaction(async (tx) => {
      // Only a draft nobody is submitting: a submit claims the open-request key first (api/requests/submission.ts).
      const { count } = await tx.request.updateMany({
        where: { id, state: 'draft', openKey: null },
        data: { state: 'withdrawn', closedAt: new Date(), closedReason },
      });
      if (count === 1) {
        await tx.requestEvent.create({
          data: {
            requestId: id,
            key: `${id}:withdrawn:0`,
            type: 'withdrawn',
            actorId: actor.userId,
            detail: { by: actor.role, ...(reason ? { reason } : {}) },
          },
        });
      }
      return count === 1;
    });
    if (closed) return requestStatus(deps, actor, id);
  }
  if (request.state === 'withdrawn' || request.closedAt) throw refusal('request-closed');
  return askWorkflow(() =>
    deps.temporal.workflow.getHandle(request.workflowId).executeUpdate(withdrawUpdate, { args: [{ actor, reason }] }),
  );
}

/** An administrator has the national call the platform refused made again, once its cause is fixed. */
export async function retryRequest(deps: ApiDeps, actor: Actor, id: string): Promise<RequestStatus> {
  const request = await requestFor(deps.db, actor, id);
  if (actor.role !== 'admin') throw refusal('not-an-administrator');
  if (request.closedAt) throw refusal('request-closed');
  return askWorkflow(() => deps.temporal.workflow.getHandle(request.workflowId).executeUpdate(retryNationalUpdate, { args: [{ actor }] }));
}
