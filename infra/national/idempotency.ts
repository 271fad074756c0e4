/** Exactly-once mutating calls: a stored response per (acting province, Idempotency-Key). */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { NationalDb, NationalQueries } from './db.ts';
import { fail } from './http.ts';

/** JSON with sorted keys, so that the same body written in another key order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A transfer id derived from who asked and their key: a retried call names the same transfer. */
export const transferIdFor = (scope: string, key: string) => `tr_${sha256(`${scope}\n${key}`).slice(0, 24)}`;

export type Idempotent = <T>(
  c: Context,
  scope: string,
  key: string,
  body: unknown,
  work: (q: NationalQueries) => Promise<{ status: 200 | 201; body: T }>,
) => Promise<{ status: 200 | 201; body: T }>;

/**
 * Runs one mutating call exactly once per (scope, Idempotency-Key): concurrent repeats wait on a
 * lock, later repeats get the stored response. Work and stored response commit together.
 */
export function createIdempotency(db: NationalDb): Idempotent {
  return async function idempotent<T>(
    c: Context,
    scope: string,
    key: string,
    body: unknown,
    work: (q: NationalQueries) => Promise<{ status: 200 | 201; body: T }>,
  ): Promise<{ status: 200 | 201; body: T }> {
    const fingerprint = sha256(canonicalJson({ method: c.req.method, path: c.req.path, body }));
    const outcome = await db.transaction(async (q) => {
      await q.lockIdempotencyKey(scope, key);
      const stored = await q.getStoredResponse(scope, key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          fail(
            'idempotency-key-reused',
            `Idempotency-Key "${key}" was already used by ${scope} for a different request; use a new key for a new request.`,
            `幂等键“${key}”已被 ${scope} 用于另一个不同的请求；新请求请使用新的幂等键。`,
          );
        }
        return { status: stored.status as 200 | 201, body: stored.body as T, replayed: true };
      }
      const result = await work(q);
      await q.storeResponse(scope, key, fingerprint, result.status, result.body);
      return { ...result, replayed: false };
    });
    if (outcome.replayed) c.header('idempotent-replayed', 'true');
    return { status: outcome.status, body: outcome.body };
  };
}
