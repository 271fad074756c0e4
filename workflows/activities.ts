import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import { NATIONAL_REFUSED } from './messages.ts';

/** Database and storage steps: short, retried until they succeed (each is idempotent). */
export const records = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
});

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
