import { pingDb } from '../../clients/db.ts';
import { pingTemporal } from '../../clients/temporal.ts';
import type { ApiDeps } from '../deps.ts';

function withTimeout(p: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

export async function checkReadiness(deps: Pick<ApiDeps, 'db' | 'temporal' | 'storage'>) {
  const probes = {
    postgres: () => pingDb(deps.db),
    temporal: () => pingTemporal(deps.temporal),
    minio: () => deps.storage.ping(),
  };
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      try {
        await withTimeout(probe(), 2000);
        return [name, 'ok'] as const;
      } catch (e) {
        return [name, `unavailable: ${(e as Error).message}`] as const;
      }
    }),
  );
  const checks = Object.fromEntries(entries);
  return { status: entries.every(([, v]) => v === 'ok') ? ('ready' as const) : ('not ready' as const), checks };
}
