/** The baseline's worker: the SDK's default settings, as worker/main.ts uses; only no-op activities. */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';

const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const taskQueue = process.env.TEMPORAL_TASK_QUEUE;
if (!taskQueue) throw new Error('TEMPORAL_TASK_QUEUE is required');
const connection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection,
  namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
  taskQueue,
  workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
  activities: { async noop() {} },
  shutdownGraceTime: '10s',
});
console.log(JSON.stringify({ msg: 'worker started', taskQueue }));
await worker.run();
await connection.close();
