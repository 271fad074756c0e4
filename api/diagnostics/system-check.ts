import { randomUUID } from 'node:crypto';
import type { ApiDeps } from '../deps.ts';
import type { systemCheck } from '../../workflows/system-check.ts';

export async function runSystemCheck(deps: ApiDeps) {
  const workflowId = `system-check-${randomUUID()}`;
  const result = await deps.temporal.workflow.execute<typeof systemCheck>('systemCheck', {
    taskQueue: deps.taskQueue,
    workflowId,
    workflowExecutionTimeout: '1m',
    staticSummary: 'System check: object storage and database round trip',
  });
  return { workflowId, ...result };
}
