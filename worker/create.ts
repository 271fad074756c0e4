import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import type { PayloadCodec } from '@temporalio/common';
import type { Activities } from '../activities/index.ts';
import { payloadCodecFromEnv } from '../clients/payload-codec.ts';
import { loadEnv } from '../config/env.ts';
import { workerTuning, type WorkerTuning } from './tuning.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles the workflow code once (tests share one bundle between several workers). */
export function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn(message: string) {
    console.warn(message);
  },
  error(message: string) {
    console.error(message);
  },
};

export async function createWorker(opts: {
  address: string;
  namespace: string;
  taskQueue: string;
  activities: Activities;
  bundle?: WorkflowBundle;
  /** Tests stop workers themselves; the process entry point lets the SDK handle SIGTERM/SIGINT. */
  shutdownSignals?: NodeJS.Signals[];
  /** Encrypts payloads; by default with the configured keys (PAYLOAD_KEYS), as the API's client does. */
  payloadCodec?: PayloadCodec;
  /** Slots, pollers and cache; by default from the environment (worker/tuning.ts). */
  tuning?: WorkerTuning;
}): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: opts.address });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    // Registered once: a workflow calls each either as an activity or as a local activity (workflows/activities.ts).
    activities: opts.activities,
    ...(opts.tuning ?? workerTuning(loadEnv())),
    dataConverter: { payloadCodecs: [opts.payloadCodec ?? payloadCodecFromEnv(loadEnv())] },
    ...(opts.bundle ? { workflowBundle: opts.bundle } : { workflowsPath: WORKFLOWS_PATH }),
    ...(opts.shutdownSignals ? { shutdownSignals: opts.shutdownSignals } : {}),
    shutdownGraceTime: '10s',
  });
  return { worker, connection };
}
