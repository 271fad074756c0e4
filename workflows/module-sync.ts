import { continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import { nationalOnce } from './activities.ts';

/** What a module change made outside a request touched: its source (e.g. `ceImport-<uuid>`) and the people. */
export interface ModuleSyncInput {
  personIds: string[];
  /** People uploaded by the runs before this one (continue-as-new); 0 for the first. */
  uploadedBefore?: number;
  /** People one run uploads before it continues as new; BATCH unless given. */
  batch?: number;
  /** How the platform is told of them: `change` (default), or `collection` for people new to it (an archive migration). */
  kind?: 'collection' | 'change';
}

/** Uploads in flight at once: a 10,000-row import reaches the platform in minutes, not one person at a time. */
const PARALLEL = 8;
/**
 * People one run uploads (about three events each) before it continues as new with the rest: a 10,000-person
 * import is twenty short histories, never one of 30,000 events.
 */
export const BATCH = 500;

/**
 * A module change made outside a request (a continuing-education import, an administrator's talent or
 * credit record) reaches the national platform: one new version per touched person, however many rows
 * touched them. Each upload's idempotency key is this workflow's id and the person, so a retried activity
 * or a repeated start never makes a second version; the workflow id stays the same across continue-as-new.
 */
export async function moduleSync(input: ModuleSyncInput): Promise<{ uploaded: number }> {
  const { workflowId } = workflowInfo();
  const all = [...new Set(input.personIds)];
  // Histories committed before continue-as-new uploaded every person in one run; they still replay so.
  const batch = patched('module-sync-continue-as-new') ? Math.max(1, input.batch ?? BATCH) : all.length;
  const queue = all.slice(0, batch);
  const rest = all.slice(batch);
  let uploaded = input.uploadedBefore ?? 0;
  const lane = async () => {
    for (let personId = queue.shift(); personId !== undefined; personId = queue.shift()) {
      await nationalOnce.uploadToNational({
        requestId: workflowId,
        personId,
        kind: input.kind ?? 'change',
        idempotencyKey: `${workflowId}:${personId}:national-upload`,
      });
      uploaded++;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  if (rest.length) {
    await continueAsNew<typeof moduleSync>({
      personIds: rest,
      uploadedBefore: uploaded,
      ...(input.batch ? { batch: input.batch } : {}),
      ...(input.kind ? { kind: input.kind } : {}),
    });
  }
  return { uploaded };
}
