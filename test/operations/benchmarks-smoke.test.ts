import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs one documented command to its end; its exit status and both outputs. */
function run(script: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: ROOT, env: process.env, maxBuffer: 64 * 1024 * 1024 },
      (error, out, err) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

/**
 * Every benchmark and the fault suite, in its smoke mode: a handful of requests through the same code
 * as the full run, so a documented command cannot stop working unnoticed. The figures are not judged
 * here (the machine is shared); that the command runs to its end and prints its table is.
 */
describe('the documented benchmarks run (smoke modes)', () => {
  it('bench/collection.ts --smoke completes its collections and prints the throughput table', async () => {
    const r = await run('bench/collection.ts', ['--smoke']);
    expect(r.code, r.err.slice(-3000)).toBe(0);
    expect(r.out).toMatch(/collection \(API → workflow → DB → national\)\s+6\s/);
    expect(r.out).toMatch(/results: .*collection-.*\.json/);
  }, 300_000);

  it('bench/faults.ts --smoke loses and duplicates nothing through a worker kill', async () => {
    const r = await run('bench/faults.ts', ['--smoke']);
    expect(r.code, r.err.slice(-3000)).toBe(0);
    // fault, requests in flight (those not yet completed when the worker was killed), lost, duplicated, wrong state
    expect(r.out).toMatch(/worker-kill\s+[1-6]\s+0\s+0\s+0\s/);
  }, 300_000);

  it("bench/web.ts --smoke: the applicant's first pages within 250 KB of gzipped JavaScript, loading no other audience's code", async () => {
    // Measures the built pages (infra/build-web.sh, which the test command runs first); exits 1 on a FAIL.
    const r = await run('bench/web.ts', ['--smoke']);
    expect(r.code, r.out.slice(-3000) + r.err.slice(-3000)).toBe(0);
    expect(r.out).toMatch(/budget: PASS/);
    expect(r.out).not.toMatch(/budget: FAIL/);
  }, 300_000);

  it('bench/statistics.ts --smoke measures the statistics on a small population of its own', async () => {
    const r = await run('bench/statistics.ts', ['--smoke']);
    expect(r.code, r.err.slice(-3000)).toBe(0);
    expect(r.out).toMatch(/baseline: reference/);
    expect(r.out).toMatch(/results: .*statistics-.*\.json/);
  }, 300_000);
});
