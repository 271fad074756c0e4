import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAdmin } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.close());

describe('the whole stack answers', () => {
  it('GET /healthz says the process is alive', async () => {
    const res = await ctx.call('GET', '/healthz');
    expect(res).toMatchObject({ status: 200, data: { status: 'ok' } });
  });

  it('GET /readyz is ready when PostgreSQL, Temporal and MinIO answer', async () => {
    const res = await ctx.call('GET', '/readyz');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ status: 'ready', checks: { postgres: 'ok', temporal: 'ok', minio: 'ok' } });
  });

  it('GET /readyz names the service that does not answer', async () => {
    const broken = await testContext({ MINIO_PORT: '1' });
    try {
      const res = await broken.call('GET', '/readyz');
      expect(res.status).toBe(503);
      expect(res.data.status).toBe('not ready');
      expect(res.data.checks.postgres).toBe('ok');
      expect(res.data.checks.temporal).toBe('ok');
      expect(res.data.checks.minio).toMatch(/^unavailable/);
    } finally {
      await broken.close();
    }
  });

  it('a workflow started through the API writes to PostgreSQL and stores an object in MinIO', async () => {
    const admin = await signInAdmin(ctx);
    const res = await ctx.call('POST', '/diagnostics/system-check', { token: admin.token });
    expect(res.status).toBe(200);
    const { workflowId, objectKey, rowId } = res.data;

    const row = await ctx.db.systemCheck.findUnique({ where: { workflowId } });
    expect(row).toMatchObject({ id: rowId, objectKey });
    const bytes = await ctx.storage.get(objectKey);
    expect(bytes.toString('utf8')).toBe(`system check ${workflowId}\n`);
  });

  it('the diagnostic endpoint needs an administrator', async () => {
    const res = await ctx.call('POST', '/diagnostics/system-check');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.data.type).toMatch(/unauthenticated$/);
  });
});
