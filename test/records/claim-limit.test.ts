import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_FAILURES_PER_HOUR } from '../../api/records/records.handlers.ts';
import { signUpApplicant } from '../support/accounts.ts';
import { type TestContext, testContext } from '../support/context.ts';
import { newPerson } from '../support/forms.ts';

/** Real-name claims that do not match are limited per account, so the claim cannot be used to guess who is kept here. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.close());

describe('claims that do not match', () => {
  it('answer 422 until the hourly limit, then 429 with Retry-After; another account is not affected', async () => {
    const guesser = await signUpApplicant(ctx);
    const guess = () => ({ idNumber: newPerson('110105').idNumber, name: '王某某' });
    for (let i = 0; i < CLAIM_FAILURES_PER_HOUR; i++) {
      const r = await ctx.call('POST', '/people/me/claim', { token: guesser.token, json: guess() });
      expect([r.status, r.data.type]).toEqual([422, expect.stringMatching(/claim-no-match$/)]);
    }
    const limited = await ctx.call('POST', '/people/me/claim', { token: guesser.token, json: guess() });
    expect([limited.status, limited.data.type]).toEqual([429, expect.stringMatching(/claim-too-many-attempts$/)]);
    expect(limited.data.detail_zh).toContain('次数过多');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(limited.data.retryAfterSeconds).toBe(Number(limited.headers.get('retry-after')));

    const other = await signUpApplicant(ctx);
    expect((await ctx.call('POST', '/people/me/claim', { token: other.token, json: guess() })).status).toBe(422);
  });
});
