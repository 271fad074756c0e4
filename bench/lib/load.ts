/** Open-loop load at a fixed rate, and percentiles. */

export interface LatencyStats {
  count: number;
  errors: number;
  /** Requests actually sent per second over the sending window. */
  achievedRate: number;
  /** Milliseconds, measured from each request's intended send time (no coordinated omission). */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
  /** Milliseconds from the actual send: the service time alone. */
  serviceP50: number;
  serviceP99: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function summarize(fromIntended: number[], fromSend: number[], errors: number, sendWindowMs: number): LatencyStats {
  const a = [...fromIntended].sort((x, y) => x - y);
  const b = [...fromSend].sort((x, y) => x - y);
  return {
    count: a.length,
    errors,
    achievedRate: round((a.length + errors) / Math.max(0.001, sendWindowMs / 1000)),
    p50: round(percentile(a, 50)),
    p90: round(percentile(a, 90)),
    p99: round(percentile(a, 99)),
    max: round(a.at(-1) ?? NaN),
    mean: round(a.reduce((x, y) => x + y, 0) / Math.max(1, a.length)),
    serviceP50: round(percentile(b, 50)),
    serviceP99: round(percentile(b, 99)),
  };
}

/**
 * Sends `count` requests at `rate` per second, each at its scheduled time whether or not earlier ones
 * have answered, stopping early after `maxMs`. `send` resolves true on success.
 */
export async function fixedRate(count: number, rate: number, maxMs: number, send: (i: number) => Promise<boolean>): Promise<LatencyStats> {
  const fromIntended: number[] = [];
  const fromSend: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  let i = 0;
  for (; i < count; i++) {
    const intended = t0 + (i * 1000) / rate;
    if (intended - t0 > maxMs) break;
    const wait = intended - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const sent = performance.now();
    const index = i;
    inFlight.push(
      send(index).then(
        (ok) => {
          const end = performance.now();
          if (ok) {
            fromIntended.push(end - intended);
            fromSend.push(end - sent);
          } else errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  const sendWindow = performance.now() - t0;
  await Promise.all(inFlight);
  return summarize(fromIntended, fromSend, errors, sendWindow);
}
