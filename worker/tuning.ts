import type { WorkerOptions } from '@temporalio/worker';
import type { Env } from '../config/env.ts';

export type WorkerTuning = Pick<
  WorkerOptions,
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'maxConcurrentLocalActivityExecutions'
  | 'maxCachedWorkflows'
  | 'maxConcurrentWorkflowTaskPolls'
  | 'maxConcurrentActivityTaskPolls'
>;

/**
 * The worker's settings, all in this one place (each from the environment, config/env.ts):
 *
 * - WORKER_WORKFLOW_TASK_SLOTS (40): workflow tasks run at once. A task of this project's workflows is
 *   CPU in the worker's V8 isolate for a few milliseconds; more slots than cores only help while tasks
 *   wait on local activities (the projection writes), which hold their slot until they finish.
 * - WORKER_LOCAL_ACTIVITY_SLOTS (100): projection writes at once. Each is one PostgreSQL transaction;
 *   beyond the database pool they queue in the pool, so this mostly bounds memory.
 * - WORKER_ACTIVITY_SLOTS (100): real activities at once (national platform, storage, the record):
 *   they wait on the network, so many may be in flight on two cores.
 * - WORKER_CACHED_WORKFLOWS (the SDK's choice from the heap when unset): workflows kept in memory
 *   between tasks (the sticky cache). A request waits days for its review, so the cache holds the
 *   requests in flight; one evicted is replayed from its history when its next task comes.
 * - WORKER_WORKFLOW_POLLERS / WORKER_ACTIVITY_POLLERS (10 each): long polls on the server. On one
 *   machine the server answers in microseconds; more pollers cost the engine CPU, fewer leave tasks waiting.
 *
 * The defaults are the SDK's own. They were not the bound in the runs measured so far (README, benchmark
 * section: the engine's and the worker's CPU were); `bash bench/collection-runs.sh tuning` measures each
 * against smaller and larger values on a quiet machine, and a change is made here, with its figures there.
 */
export function workerTuning(env: Env): WorkerTuning {
  return {
    maxConcurrentWorkflowTaskExecutions: env.WORKER_WORKFLOW_TASK_SLOTS,
    maxConcurrentActivityTaskExecutions: env.WORKER_ACTIVITY_SLOTS,
    maxConcurrentLocalActivityExecutions: env.WORKER_LOCAL_ACTIVITY_SLOTS,
    ...(env.WORKER_CACHED_WORKFLOWS ? { maxCachedWorkflows: env.WORKER_CACHED_WORKFLOWS } : {}),
    maxConcurrentWorkflowTaskPolls: env.WORKER_WORKFLOW_POLLERS,
    maxConcurrentActivityTaskPolls: env.WORKER_ACTIVITY_POLLERS,
  };
}
