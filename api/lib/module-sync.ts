import type { moduleSync } from '../../workflows/module-sync.ts';
import type { ApiDeps } from '../deps.ts';
import type { ModuleSyncInput } from '../../workflows/module-sync.ts';

/**
 * Starts the upload to the national platform of the records a module change touched (workflows/module-sync.ts).
 * `source` names the change (an import, a history row), so starting it again for the same change reaches the
 * same workflow: never a second version. The change is already committed; the workflow carries it from here.
 */
export async function syncModules(
  deps: Pick<ApiDeps, 'temporal' | 'taskQueue'>,
  source: string,
  personIds: string[],
  kind?: ModuleSyncInput['kind'],
): Promise<string | null> {
  if (!personIds.length) return null;
  const workflowId = `moduleSync-${source}`;
  await deps.temporal.workflow.start<typeof moduleSync>('moduleSync', {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [kind ? { personIds, kind } : { personIds }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: `national upload of ${personIds.length} record(s) after ${source}`,
  });
  return workflowId;
}
