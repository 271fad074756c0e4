import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAdmin } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';

/** Hostile requests the fuzzer (hostile-input.test.ts) found answered with a 5xx, kept as regular tests. */
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
    const body = '--sent-boundary\r\nContent-Disposition: form-data; name="file"; filename="ce.csv"\r\nContent-Type: text/csv\r\n\r\narchiveNo,year\r\n--sent-boundary--\r\n';
    for (const type of ['multipart/form-data; boundary=declared-boundary', 'multipart/form-data', 'multipart/form-data; boundary=']) {
      const res = await ctx.call('POST', '/admin/continuing-education/import', { token: admin.token, body, headers: { 'content-type': type } });
      expect(res.status, type).toBe(400);
      isProblem(res);
      expect(res.data).toMatchObject({ type: expect.stringMatching(/import-form-unreadable$/), rule: 'import.form', detail_zh: expect.any(String) });
    }
  });
});
