import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNationalApp } from '../../infra/national/app.ts';
import { call, createTestDb, newArchiveNo } from './helpers.ts';

let t: Awaited<ReturnType<typeof createTestDb>>;
let app: ReturnType<typeof createNationalApp>;
// Alternates 0.25, 0.75, … so that failRate 0.5 fails every other call, reproducibly.
let tick = 0;
const alternating = () => (tick++ % 2 === 0 ? 0.25 : 0.75);

beforeAll(async () => {
  t = await createTestDb();
  app = createNationalApp({ db: t.db, config: { random: alternating } });
});
afterEach(async () => {
  await call(app, 'DELETE', '/admin/faults');
});
afterAll(async () => {
  await t.drop();
});

const upload = (archiveNo: string, key: string) =>
  call(app, 'PUT', `/v1/provinces/110000/records/${archiveNo}`, { record: { a: 1 }, requestId: 'r', kind: 'collection' }, key);

describe('fault injection', () => {
  it('failRate 1 answers 503 and stores nothing', async () => {
    const set = await call(app, 'PUT', '/admin/faults', { failRate: 1 });
    expect(set.body).toEqual({ latencyMs: 0, failRate: 1, down: false, refuseUploads: false, refuseTransfers: false });
    expect((await call(app, 'GET', '/admin/faults')).body).toEqual({
      latencyMs: 0,
      failRate: 1,
      down: false,
      refuseUploads: false,
      refuseTransfers: false,
    });

    const archiveNo = newArchiveNo();
    const res = await upload(archiveNo, 'fault-1');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body.type).toBe('https://national.example/problems/service-unavailable');

    // Not /admin, not /healthz.
    expect((await call(app, 'GET', '/healthz')).status).toBe(200);

    await call(app, 'DELETE', '/admin/faults');
    expect((await call(app, 'GET', `/v1/records/${archiveNo}`)).status).toBe(404);
    // The same key was never used: the retry does the work for the first time.
    const retry = await upload(archiveNo, 'fault-1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.body.version).toBe(1);
  });

  it('down answers 503 on every /v1 call, reads included', async () => {
    await call(app, 'PUT', '/admin/faults', { down: true });
    expect((await upload(newArchiveNo(), 'down-1')).status).toBe(503);
    expect((await call(app, 'GET', `/v1/records/${newArchiveNo()}`)).status).toBe(503);
    expect((await call(app, 'GET', '/v1/transfers/x')).status).toBe(503);
    await call(app, 'DELETE', '/admin/faults');
    expect((await call(app, 'GET', `/v1/records/${newArchiveNo()}`)).status).toBe(404);
  });

  it('a failRate fails that share of calls', async () => {
    tick = 0;
    await call(app, 'PUT', '/admin/faults', { failRate: 0.5 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(app, 'GET', '/v1/transfers/none')).status);
    expect(statuses).toEqual([503, 404, 503, 404]);
  });

  it('adds latency to /v1 calls only', async () => {
    await call(app, 'PUT', '/admin/faults', { latencyMs: 250 });
    let started = Date.now();
    await call(app, 'GET', `/v1/records/${newArchiveNo()}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    started = Date.now();
    await call(app, 'GET', '/healthz');
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('reset removes every fault; bad settings are 400', async () => {
    await call(app, 'PUT', '/admin/faults', { latencyMs: 10, failRate: 1, down: true });
    const reset = await call(app, 'DELETE', '/admin/faults');
    expect(reset.body).toEqual({ latencyMs: 0, failRate: 0, down: false, refuseUploads: false, refuseTransfers: false });
    expect((await call(app, 'GET', `/v1/records/${newArchiveNo()}`)).status).toBe(404);

    const bad = await call(app, 'PUT', '/admin/faults', { failRate: 2, extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('https://national.example/problems/validation-failed');
    expect((await call(app, 'GET', '/admin/faults')).body).toEqual({
      latencyMs: 0,
      failRate: 0,
      down: false,
      refuseUploads: false,
      refuseTransfers: false,
    });
  });
});
