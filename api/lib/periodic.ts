import type { Logger } from '../../clients/log.ts';

/**
 * A task the API runs at start and then every `intervalMs`, never two rounds at once (a slow round
 * makes the next one wait, not overlap); a failed round is logged and the next one tries again.
 */
export function runPeriodically(what: string, intervalMs: number, task: () => Promise<unknown>, log: Logger): { stop(): void } {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (e) {
      log.warn({ err: { message: (e as Error).message } }, `${what} failed`);
    } finally {
      running = false;
    }
  };
  void round();
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
