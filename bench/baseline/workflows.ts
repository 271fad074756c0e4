import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { baselineReview, baselineSubmit } from './messages.ts';

/**
 * The bare baseline for bench/collection.ts: the collection workflow's shape with nothing inside it.
 * Two Updates (submit with 1 activity, review with 2) and 5 more activities after the review: the
 * same 8 activities and 2 Updates as a collection request, each a no-op.
 */
const { noop } = proxyActivities<{ noop(step: string): Promise<void> }>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
});

export async function baselineRequest(): Promise<string> {
  let state = 'draft';
  setHandler(baselineSubmit, async () => {
    state = 'awaitingReview';
    await noop('submitted');
    return state;
  });
  setHandler(baselineReview, async () => {
    state = 'approved';
    await noop('decision');
    await noop('approved');
    return state;
  });
  await condition(() => state === 'approved');
  for (const step of ['recording', 'record', 'uploading', 'upload', 'completed']) await noop(step);
  // As the collection workflow does when it closes: the review's answer goes back before the end.
  await condition(allHandlersFinished);
  return 'completed';
}

/**
 * The floor: the same two Updates (update-with-start for submit, an Update for review) and the result,
 * with no activity at all — the least any design of the collection flow can cost on this server.
 */
export async function floorRequest(): Promise<string> {
  let state = 'draft';
  setHandler(baselineSubmit, () => {
    state = 'awaitingReview';
    return state;
  });
  setHandler(baselineReview, () => {
    state = 'approved';
    return state;
  });
  await condition(() => state === 'approved');
  await condition(allHandlersFinished);
  return 'completed';
}
