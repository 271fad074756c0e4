/**
 * Sliding-window attempt counters in memory, one per key (a username, a client address). Per API
 * process: several processes each allow the limit; the account lockout (in the database) is global.
 */
export function createRateLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }) {
  const maxKeys = opts.maxKeys ?? 100_000;
  const hits = new Map<string, number[]>();
  const recent = (key: string, now: number) => (hits.get(key) ?? []).filter((t) => t > now - opts.windowMs);

  function prune(now: number) {
    for (const [key, times] of hits) if (times.every((t) => t <= now - opts.windowMs)) hits.delete(key);
    // Still full of live keys (a flood of distinct names): drop the oldest rather than grow without bound.
    while (hits.size >= maxKeys) hits.delete(hits.keys().next().value!);
  }

  return {
    /** Milliseconds until the key may try again, or 0 when it may now. */
    retryAfterMs(key: string, now = Date.now()): number {
      const times = recent(key, now);
      return times.length < opts.limit ? 0 : times[0]! + opts.windowMs - now;
    },
    hit(key: string, now = Date.now()): void {
      if (!hits.has(key) && hits.size >= maxKeys) prune(now);
      const times = recent(key, now);
      times.push(now);
      hits.set(key, times.slice(-opts.limit));
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
