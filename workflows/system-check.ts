import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';

const { storeCheckObject, writeCheckRow } = proxyActivities<Activities>({ startToCloseTimeout: '30s' });

/** A round trip through worker, object storage and database: proves a deployment works end to end. */
export async function systemCheck(): Promise<{ objectKey: string; rowId: string }> {
  const { workflowId } = workflowInfo();
  const objectKey = await storeCheckObject(workflowId);
  const rowId = await writeCheckRow(workflowId, objectKey);
  return { objectKey, rowId };
}
