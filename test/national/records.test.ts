import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNationalApp } from '../../infra/national/app.ts';
import { call, createTestDb, newArchiveNo } from './helpers.ts';

let t: Awaited<ReturnType<typeof createTestDb>>;
let app: ReturnType<typeof createNationalApp>;

beforeAll(async () => {
  t = await createTestDb();
  app = createNationalApp({ db: t.db });
});
afterAll(async () => {
  await t.drop();
});

const BJ = '110000';
const HB = '130000';
const upload = (province: string, archiveNo: string, body: unknown, key?: string) =>
  call(app, 'PUT', `/v1/provinces/${province}/records/${archiveNo}`, body, key);

describe('record upload idempotency', () => {
  it('stores one version for a repeated key, a second for a new key with a different record', async () => {
    const archiveNo = newArchiveNo();
    const body = { record: { name: '张三', mobile: '13800000000' }, requestId: 'req-1', kind: 'collection' };

    const first = await upload(BJ, archiveNo, body, 'k-1');
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ archiveNo, province: BJ, version: 1, created: true });

    const again = await upload(BJ, archiveNo, body, 'k-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    // Same body, keys in another order: still the same request.
    const reordered = await upload(
      BJ,
      archiveNo,
      { kind: 'collection', requestId: 'req-1', record: { mobile: '13800000000', name: '张三' } },
      'k-1',
    );
    expect(reordered.status).toBe(201);

    const history1 = await call(app, 'GET', `/v1/records/${archiveNo}/versions`);
    expect(history1.body.versions).toHaveLength(1);

    const change = await upload(
      BJ,
      archiveNo,
      { record: { name: '张三', mobile: '13900000000' }, requestId: 'req-2', kind: 'change' },
      'k-2',
    );
    expect(change.status).toBe(201);
    expect(change.body.version).toBe(2);

    const latest = await call(app, 'GET', `/v1/records/${archiveNo}`);
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ archiveNo, province: BJ, version: 2, kind: 'change', requestId: 'req-2', uploadedBy: BJ });
    expect(latest.body.record).toEqual({ name: '张三', mobile: '13900000000' });

    const history = await call(app, 'GET', `/v1/records/${archiveNo}/versions`);
    expect(history.body.versions.map((v: { version: number; kind: string }) => [v.version, v.kind])).toEqual([
      [1, 'collection'],
      [2, 'change'],
    ]);
  });

  it('refuses the same key with a different body (422, problem+json) and stores nothing', async () => {
    const archiveNo = newArchiveNo();
    await upload(BJ, archiveNo, { record: { a: 1 }, requestId: 'r', kind: 'collection' }, 'reuse');
    const res = await upload(BJ, archiveNo, { record: { a: 2 }, requestId: 'r', kind: 'collection' }, 'reuse');
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'https://national.example/problems/idempotency-key-reused', status: 422 });
    expect(res.body.title_zh).toBeTruthy();
    expect(res.body.detail_zh).toBeTruthy();
    const history = await call(app, 'GET', `/v1/records/${archiveNo}/versions`);
    expect(history.body.versions).toHaveLength(1);
  });

  it('keeps the latest version when a new key uploads an identical record', async () => {
    const archiveNo = newArchiveNo();
    await upload(BJ, archiveNo, { record: { x: 1 }, requestId: 'r1', kind: 'collection' }, 'same-1');
    const res = await upload(BJ, archiveNo, { record: { x: 1 }, requestId: 'r2', kind: 'change' }, 'same-2');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ archiveNo, province: BJ, version: 1, created: false });
  });

  it('gives concurrent repeats of one key a single version', async () => {
    const archiveNo = newArchiveNo();
    const body = { record: { n: 1 }, requestId: 'r', kind: 'collection' };
    const results = await Promise.all(Array.from({ length: 8 }, () => upload(BJ, archiveNo, body, 'concurrent')));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const history = await call(app, 'GET', `/v1/records/${archiveNo}/versions`);
    expect(history.body.versions).toHaveLength(1);
  });
});

describe('ownership', () => {
  it('lets no other province overwrite a record', async () => {
    const archiveNo = newArchiveNo();
    await upload(BJ, archiveNo, { record: { v: 'bj' }, requestId: 'r', kind: 'collection' }, 'own-1');
    const res = await upload(HB, archiveNo, { record: { v: 'hb' }, requestId: 'r', kind: 'collection' }, 'own-2');
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('https://national.example/problems/record-owned-elsewhere');
    expect(res.body.ownerProvince).toBe(BJ);
    // The archive number is personal data: details show it masked.
    expect(res.body.detail).not.toContain(archiveNo);
    const latest = await call(app, 'GET', `/v1/records/${archiveNo}`);
    expect(latest.body).toMatchObject({ province: BJ, version: 1, record: { v: 'bj' } });
  });
});

describe('bad input', () => {
  it('requires an Idempotency-Key on mutating calls', async () => {
    const res = await upload(BJ, newArchiveNo(), { record: {}, requestId: 'r', kind: 'collection' });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://national.example/problems/idempotency-key-missing');
  });

  it('answers 400 with the failed rule, never 500', async () => {
    const bad = await upload(BJ, 'abc', { record: 'not an object', requestId: '', kind: 'other' }, 'bad-1');
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('https://national.example/problems/validation-failed');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('archiveNo');

    const badBody = await upload(BJ, newArchiveNo(), { record: 'not an object', requestId: '', kind: 'other' }, 'bad-2');
    expect(badBody.status).toBe(400);
    expect(badBody.body.errors.map((e: { in: string; path: string }) => `${e.in}.${e.path}`).sort()).toEqual([
      'body.kind',
      'body.record',
      'body.requestId',
    ]);

    const malformed = await app.request(`/v1/provinces/${BJ}/records/${newArchiveNo()}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'bad-3' },
      body: '{not json',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).type).toBe('https://national.example/problems/malformed-request');

    const notJson = await app.request(`/v1/provinces/${BJ}/records/${newArchiveNo()}`, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain', 'idempotency-key': 'bad-4' },
      body: 'hello',
    });
    expect(notJson.status).toBe(415);

    const badProvince = await upload('123456', newArchiveNo(), { record: {}, requestId: 'r', kind: 'collection' }, 'bad-5');
    expect(badProvince.status).toBe(400);
  });

  it('answers 404 problems for unknown records and routes', async () => {
    const res = await call(app, 'GET', `/v1/records/${newArchiveNo()}`);
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('https://national.example/problems/record-not-found');
    const route = await call(app, 'GET', '/v1/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.type).toBe('https://national.example/problems/not-found');
  });
});

describe('documentation', () => {
  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await call(app, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/v1/transfers/{transferId}/decision');
    expect(Object.keys(doc.body.webhooks)).toContain('transferEvent');
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/openapi.json');
  });

  it('matches the committed infra/national/openapi.json', async () => {
    const { readFile } = await import('node:fs/promises');
    const { nationalOpenApiDocument } = await import('../../infra/national/openapi.ts');
    const committed = JSON.parse(await readFile(new URL('../../infra/national/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(nationalOpenApiDocument())));
  });

  it('answers /healthz', async () => {
    const res = await call(app, 'GET', '/healthz');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});
