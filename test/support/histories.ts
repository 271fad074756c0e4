import { mkdirSync, writeFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { Client } from '@temporalio/client';

export const HISTORIES_DIR = new URL('../replay/histories/', import.meta.url).pathname;

/**
 * With RECORD_HISTORIES=1, saves a finished workflow's history for the replay test, so any
 * non-deterministic change to the workflow code fails CI. Histories carry ids and codes only.
 */
export async function recordHistory(temporal: Client, workflowId: string, name: string, runId?: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await temporal.workflow.getHandle(workflowId, runId).fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(`${HISTORIES_DIR}${name}.json`, JSON.stringify(JSON.parse(historyToJSON(history)), null, 1));
}
