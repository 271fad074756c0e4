import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../api/limits.ts';
import { signInAdmin } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';

/** Hostile requests the fuzzer (hostile-input.test.ts) found answered badly, kept as regular tests. */
let ctx: TestContext;
let admin: { token: string };
beforeAll(async () => {
  ctx = await testContext();
  admin = await signInAdmin(ctx);
});
afterAll(() => ctx.close());

const isProblem = (res: { headers: Headers }) => expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);

describe('continuing-education import', () => {
  it('refuses a multipart form it cannot read (its boundary is not the one declared) with a 400 problem, not a 500', async () => {
    const body =
      '--sent-boundary\r\nContent-Disposition: form-data; name="file"; filename="ce.csv"\r\nContent-Type: text/csv\r\n\r\narchiveNo,year\r\n--sent-boundary--\r\n';
    for (const type of ['multipart/form-data; boundary=declared-boundary', 'multipart/form-data', 'multipart/form-data; boundary=']) {
      const res = await ctx.call('POST', '/admin/continuing-education/import', {
        token: admin.token,
        body,
        headers: { 'content-type': type },
      });
      expect(res.status, type).toBe(400);
      isProblem(res);
      expect(res.data).toMatchObject({
        type: expect.stringMatching(/import-form-unreadable$/),
        rule: 'import.form',
        detail_zh: expect.any(String),
      });
    }
  });

  it('takes a file up to its own limit (2 MB), past the limit of other bodies, and refuses a larger one as too large', async () => {
    const csv = (bytes: number) => {
      const rows = ['archiveNo,year,course,credits,professional,provider,completedOn'];
      let size = 0;
      for (let n = 0; size < bytes; n++) {
        rows.push(`11010519900307123X,2024,${'课'.repeat(100)}${n},1,是,北京国家会计学院,2024-05-01`);
        size += Buffer.byteLength(rows[rows.length - 1]!) + 2;
      }
      return rows.join('\r\n');
    };
    const post = (body: string) =>
      ctx.call('POST', '/admin/continuing-education/import', { token: admin.token, body, headers: { 'content-type': 'text/csv' } });
    const big = csv(ctx.env.BODY_LIMIT_BYTES + 10_000);
    const taken = await post(big);
    expect(taken.status).toBe(200);
    expect(taken.data.total).toBe(big.split('\r\n').length - 1);
    const tooLarge = await post(csv(IMPORT_MAX_BYTES + 1));
    expect(tooLarge.status).toBe(413);
    isProblem(tooLarge);
    expect(tooLarge.data).toMatchObject({ type: expect.stringMatching(/import-too-large$/), rule: 'import.tooLarge' });
  });
});

describe('query parameters', () => {
  it('refuses a NUL in a query value or name with a 400 problem naming the parameter, not a 500 from PostgreSQL', async () => {
    for (const path of [
      '/people?name=a%00b&nameMatch=contains',
      '/people/export?unit=%00',
      '/statistics?%00=1',
      '/statistics?=%00',
      `/admin/access-log?userId=${'0'.repeat(8)}%00`,
    ]) {
      const res = await ctx.call('GET', path, { token: admin.token });
      expect(res.status, path).toBe(400);
      isProblem(res);
      expect(res.data).toMatchObject({
        type: expect.stringMatching(/text-not-storable$/),
        rule: 'text.storable',
        violations: [{ path: expect.stringMatching(/^query\./), rule: 'text.storable' }],
      });
    }
    expect((await ctx.call('GET', '/people?name=a%00b', { token: admin.token })).data.violations[0].path).toBe('query.name');
    // Other odd text in a query is searched for, and found in no one.
    const odd = await ctx.call('GET', `/people?name=${encodeURIComponent('\'; DROP TABLE "Person"; --')}&nameMatch=contains`, {
      token: admin.token,
    });
    expect(odd.status).toBe(200);
    expect(odd.data.total).toBe(0);
  });
});
