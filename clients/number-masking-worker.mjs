// The thread of clients/number-masking.ts. A worker thread does not inherit the TypeScript loader of the process,
// so it registers tsx itself before loading the project's modules.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { personalDataFromEnv } = await import('./personal-data.ts');
const { maskIdNumber, maskPhone } = await import('../domain/identity.ts');
const personalData = personalDataFromEnv(workerData);

parentPort.on('message', ({ id, ids, mobiles }) => {
  try {
    parentPort.postMessage({
      id,
      ids: ids.map((s) => maskIdNumber(personalData.open('idNumber', s))),
      mobiles: mobiles.map((s) => maskPhone(personalData.open('mobile', s))),
    });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
