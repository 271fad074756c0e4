import type { MiddlewareHandler } from 'hono';
import { problemBody, problemResponse } from './problems.ts';

export type Faults = {
  /** Added to every `/v1/*` call before it is answered. */
  latencyMs: number;
  /** Share of `/v1/*` calls answered 503, 0..1. */
  failRate: number;
  /** Every `/v1/*` call answers 503. */
  down: boolean;
  /** Every record upload is refused as one another province owns (409 record-owned-elsewhere). */
  refuseUploads: boolean;
  /** Every transfer started or pulled is refused as one of a record another province owns (409 record-owned-elsewhere). */
  refuseTransfers: boolean;
};

export const NO_FAULTS: Faults = Object.freeze({ latencyMs: 0, failRate: 0, down: false, refuseUploads: false, refuseTransfers: false });
const RECORD_UPLOAD = /^\/v1\/provinces\/[^/]+\/records\/[^/]+$/;
const TRANSFER_START = /^\/v1\/(transfers|transfer-pulls)$/;

export type FaultInjector = {
  get(): Faults;
  set(faults: Partial<Faults>): Faults;
  reset(): Faults;
  /** Runs before any work, so that a failed call changes nothing. */
  middleware: MiddlewareHandler;
};

export function createFaultInjector(random: () => number = Math.random): FaultInjector {
  let current: Faults = { ...NO_FAULTS };
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return {
    get: () => ({ ...current }),
    set(faults) {
      current = { ...NO_FAULTS, ...faults };
      return { ...current };
    },
    reset() {
      current = { ...NO_FAULTS };
      return { ...current };
    },
    middleware: async (c, next) => {
      const f = current;
      if (f.latencyMs > 0) await sleep(f.latencyMs);
      if (f.down || (f.failRate > 0 && random() < f.failRate)) {
        const why = f.down ? 'down' : `failRate ${f.failRate}`;
        return problemResponse(
          problemBody(
            'service-unavailable',
            `Injected fault (${why}); nothing was done, try again later.`,
            `注入的故障（${why}）；本次请求未做任何处理，请稍后重试。`,
            { instance: c.req.path },
          ),
          { 'retry-after': '1' },
        );
      }
      if (f.refuseUploads && c.req.method === 'PUT' && RECORD_UPLOAD.test(c.req.path)) {
        return problemResponse(
          problemBody(
            'record-owned-elsewhere',
            'Injected fault (refuseUploads): this record belongs to another province; nothing was stored.',
            '注入的故障（refuseUploads）：该档案属于其他省份；本次未做任何处理。',
            { instance: c.req.path },
          ),
        );
      }
      if (f.refuseTransfers && c.req.method === 'POST' && TRANSFER_START.test(c.req.path)) {
        return problemResponse(
          problemBody(
            'record-owned-elsewhere',
            'Injected fault (refuseTransfers): this record belongs to another province; no transfer was started.',
            '注入的故障（refuseTransfers）：该档案属于其他省份；未发起调转。',
            { instance: c.req.path },
          ),
        );
      }
      await next();
    },
  };
}
