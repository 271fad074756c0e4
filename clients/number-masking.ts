/**
 * Opening and masking a list's sealed ID and mobile numbers on a worker thread of their own. An export opens two
 * numbers a row (AES-GCM, a cipher set up per value): on the API's one JavaScript thread that is half of what a
 * row costs. On the worker it runs beside the rest of the export, on the other core.
 */
import { Worker } from 'node:worker_threads';
import type { Env } from '../config/env.ts';

export interface MaskedNumbers {
  ids: string[];
  mobiles: string[];
}

export interface NumberMasking {
  /** The masked numbers of sealed ID and mobile numbers, in their order (`110105********123X`, `138****5678`). */
  mask(sealedIds: string[], sealedMobiles: string[]): Promise<MaskedNumbers>;
  /** Ends the worker; a later `mask` starts another. */
  close(): Promise<void>;
}

type Answer = { id: number } & ({ ids: string[]; mobiles: string[] } | { error: string });

/** The worker starts at the first `mask` and does not keep the process alive. */
export function createNumberMasking(keys: Pick<Env, 'DATA_KEYS' | 'DATA_KEY_ID' | 'LOOKUP_KEY'>): NumberMasking {
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: (m: MaskedNumbers) => void; reject: (e: Error) => void }>();
  const failAll = (from: Worker, e: Error) => {
    if (worker !== from) return;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
    worker = undefined;
  };
  const started = () => {
    if (worker) return worker;
    const w = new Worker(new URL('./number-masking-worker.mjs', import.meta.url), {
      workerData: { DATA_KEYS: keys.DATA_KEYS, DATA_KEY_ID: keys.DATA_KEY_ID, LOOKUP_KEY: keys.LOOKUP_KEY },
    });
    w.unref();
    w.on('message', (a: Answer) => {
      const asked = waiting.get(a.id);
      waiting.delete(a.id);
      if ('error' in a) asked?.reject(new Error(a.error));
      else asked?.resolve({ ids: a.ids, mobiles: a.mobiles });
    });
    w.on('error', (e) => failAll(w, e));
    w.on('exit', (code) => failAll(w, new Error(`the number-masking worker ended (${code})`)));
    worker = w;
    return w;
  };
  return {
    mask(sealedIds, sealedMobiles) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        started().postMessage({ id, ids: sealedIds, mobiles: sealedMobiles });
      });
    },
    async close() {
      const w = worker;
      if (!w) return;
      failAll(w, new Error('the number-masking worker was closed'));
      await w.terminate();
    },
  };
}
