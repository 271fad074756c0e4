/**
 * The body of clients/number-masking.ts's worker thread: opens and masks the sealed numbers it is sent, in order.
 * Started through number-masking-worker.mjs from source; bundled as that file in the built API (tools/build-api.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { maskIdNumber, maskPhone } from '../domain/identity.ts';
import { personalDataFromEnv } from './personal-data.ts';

const personalData = personalDataFromEnv(workerData);

parentPort!.on('message', ({ id, ids, mobiles }: { id: number; ids: string[]; mobiles: string[] }) => {
  try {
    parentPort!.postMessage({
      id,
      ids: ids.map((s) => maskIdNumber(personalData.open('idNumber', s))),
      mobiles: mobiles.map((s) => maskPhone(personalData.open('mobile', s))),
    });
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
