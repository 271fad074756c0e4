import { workflowInfo } from '@temporalio/workflow';
import { nationalOnce } from './activities.ts';

/** What a module change made outside a request touched: its source (e.g. `ceImport-<uuid>`) and the people. */
export interface ModuleSyncInput {
  personIds: string[];
  /** How the platform is told of them: `change` (default), or `collection` for people new to it (an archive migration). */
  kind?: 'collection' | 'change';
}

/** Uploads in flight at once: a 10,000-row import reaches the platform in minutes, not one person at a time. */
const PARALLEL = 8;

/**
 * A module change made outside a request (a continuing-education import, an administrator's talent or
 * credit record) reaches the national platform: one new version per touched person, however many rows
 * touched them. Each upload's idempotency key is this workflow's id and the person, so a retried activity
 * or a repeated start never makes a second version.
 */
export async function moduleSync(input: ModuleSyncInput): Promise<{ uploaded: number }> {
  const { workflowId } = workflowInfo();
  const queue = [...new Set(input.personIds)];
  let uploaded = 0;
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
  return { uploaded };
}
