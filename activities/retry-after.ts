import { ApplicationFailure } from '@temporalio/common';
import { NationalUnavailableError } from '../national/client.ts';

/**
 * When the national platform answers "unavailable, retry after N seconds", the next attempt comes then,
 * as it asked, instead of after the activity's exponential backoff (which reaches minutes): a platform
 * failing a share of calls is not made to look down for longer than it is.
 */
export function honouringRetryAfter<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args) => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof NationalUnavailableError && e.retryAfterMs !== undefined) {
          throw ApplicationFailure.create({ message: e.message, type: e.name, nextRetryDelay: e.retryAfterMs, cause: e });
        }
        throw e;
      }
    };
  }
  return wrapped as T;
}
