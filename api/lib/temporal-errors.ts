import { WorkflowUpdateFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isRefusalCode } from '../../domain/refusals.ts';
import { ProblemError, problem, problems, refusal } from '../problem.ts';

/** Sends a message to a workflow and turns its refusals and Temporal's errors into problems. */
export async function askWorkflow<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (e) {
    throw toProblem(e);
  }
}

function toProblem(e: unknown): Error {
  if (e instanceof ProblemError) return e;
  if (e instanceof WorkflowUpdateFailedError) {
    const cause = e.cause;
    if (cause instanceof ApplicationFailure && isRefusalCode(cause.type)) return refusal(cause.type);
    // Not one of the workflow's own refusals (those name their rule above): say so plainly, in both languages.
    return problem(
      'update-failed',
      409,
      `The request could not take this step now (${cause?.message ?? e.message}); try again`,
      '该申请暂时无法执行此操作，请稍后重试',
    );
  }
  if (e instanceof WorkflowNotFoundError) {
    return problem('request-not-started', 409, 'This request has not been submitted yet', '该申请尚未提交');
  }
  const code = (e as { code?: number }).code;
  // gRPC UNAVAILABLE / DEADLINE_EXCEEDED: Temporal is not reachable right now.
  if (code === 14 || code === 4) return problems.unavailable('Temporal');
  return e as Error;
}
