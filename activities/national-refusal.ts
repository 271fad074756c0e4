import { ApplicationFailure } from '@temporalio/common';
import { redactPersonalData } from '../domain/redact.ts';
import { NationalRejectedError, type NationalProblem } from '../national/client.ts';
import { NATIONAL_REFUSED, type NationalRefusal } from '../workflows/messages.ts';

const mask = (s: string) => redactPersonalData(s).slice(0, 500);

export function refusalOf(e: NationalRejectedError): NationalRefusal {
  const p: NationalProblem = e.problem;
  return {
    operation: e.operation,
    status: e.status,
    code: e.code,
    ...(p.title ? { title: p.title } : {}),
    ...(p.detail ? { detail: mask(p.detail) } : {}),
    ...(p.detail_zh ? { detail_zh: mask(p.detail_zh) } : {}),
  };
}

/**
 * A call the platform refused (a 4xx it will answer again to the same call) fails with the refusal in
 * hand. Final where the workflow asks for it (`nonRetryableErrorTypes` of workflows/activities.ts'
 * `nationalOnce`: the request then needs attention); elsewhere retried as before.
 */
export function failingForGood<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args) => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof NationalRejectedError) {
          throw ApplicationFailure.create({ message: e.message, type: NATIONAL_REFUSED, details: [refusalOf(e)] });
        }
        throw e;
      }
    };
  }
  return wrapped as T;
}
