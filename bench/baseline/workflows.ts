import { allHandlersFinished, condition, proxyActivities, patched, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { RequestStateKey } from '../../workflows/search-attributes.ts';
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

/**
 * A closed request's history at the cost of one workflow task, for `bench/collection.ts --preload`: the
 * 43 events and 5.3 KB of payloads a collection leaves (test/replay/histories/collectionRequest--
 * approved-first-time--local-projections.json), started with the search attributes a request carries.
 * Its input stands for the payloads (random bytes, as the codec's encrypted ones are); 34 markers stand for
 * the local activities' (patch markers: no activity runs), the state is upserted four times, then it
 * completes: 4 + 34 + 4 + 1 events.
 */
export async function preloadedRequest(payloads: string): Promise<number> {
  for (let i = 0; i < 34; i++) patched(`preloaded-step-${i}`);
  for (const state of ['awaitingReview', 'approved', 'uploading', 'completed'])
    upsertSearchAttributes([{ key: RequestStateKey, value: state }]);
  return payloads.length;
}
