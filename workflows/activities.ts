import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import { NATIONAL_REFUSED } from './messages.ts';

const UNTIL_DONE = { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' } as const;

/** Database and storage steps: short, retried until they succeed (each is idempotent). */
export const records = proxyActivities<Activities>({ startToCloseTimeout: '30s', retry: UNTIL_DONE });

/**
 * The same steps run by the workflow's own worker, without an activity task of their own: the projection
 * writes (milliseconds, idempotent) cost a marker in the history instead of three events and a round trip
 * through the server's task queue. Past the threshold a retry waits on a server timer, as a real activity would.
 */
const localRecords = proxyLocalActivities<Activities>({ startToCloseTimeout: '30s', localRetryThreshold: '10s', retry: UNTIL_DONE });

/** Marks histories whose projection writes are local activities (histories recorded before schedule real ones). */
export const LOCAL_PROJECTIONS = 'local-projections';

/** The proxy for a projection write (state changes, decisions, the working calendar): local from the patch on. */
export function projections(): Pick<Activities, 'recordTransition' | 'recordDecision' | 'workingCalendar'> {
  return patched(LOCAL_PROJECTIONS) ? localRecords : records;
}

/** National-platform calls may be slow or fail for a while: back off further, never give up by themselves. */
export const national = proxyActivities<Activities>({
  startToCloseTimeout: '60s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m' },
});

/**
 * The same national calls, where a refusal for good (the platform's 4xx, activities/national-refusal.ts)
 * ends the activity at once: the request then needs attention (RequestLifecycle.untilAccepted).
 */
export const nationalOnce = proxyActivities<Activities>({
  startToCloseTimeout: '60s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5m', nonRetryableErrorTypes: [NATIONAL_REFUSED] },
});
