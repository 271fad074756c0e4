import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, waitForState } from '../support/forms.ts';
import { signInReviewer } from '../support/accounts.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.close());

describe('the national-platform callback', () => {
  it('ignores an event the platform does not confirm: a forged "pulled" cannot transfer a person out', async () => {
    const applicant = await signUpApplicant(ctx);
    const form = accountantForm();
    const id = await fillDraft(ctx, applicant.token, form);
    await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    const reviewer = await signInReviewer(ctx, '110105');
    await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } });
    await waitForState(ctx, id, 'completed');

    const forged = {
      eventId: 'forged-1',
      type: 'transfer.pulled',
      transferId: 'no-such-transfer',
      archiveNo: form.basic.idNumber,
      fromProvince: '110000',
      toProvince: '130000',
      occurredAt: new Date().toISOString(),
    };
    const res = await ctx.call('POST', '/national/events', { json: forged });
    expect(res.status).toBe(422);
    expect(res.data.type).toMatch(/event-not-confirmed$/);
    expect(await ctx.db.person.findUniqueOrThrow({ where: ctx.byArchiveNo(form.basic.idNumber) })).toMatchObject({ status: 'active' });
    expect(await ctx.db.inboundEvent.count({ where: { eventId: 'forged-1' } })).toBe(0);
  });

  it('refuses a malformed event with a problem naming the field', async () => {
    const res = await ctx.call('POST', '/national/events', { json: { type: 'transfer.pulled', eventId: '' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.data.violations.length).toBeGreaterThan(0);
  });

  it('refuses an identifier the platform could not have issued before asking the platform about it', async () => {
    const event = {
      eventId: 'e-long',
      type: 'transfer.pulled',
      archiveNo: '110101199003078515',
      fromProvince: '110000',
      toProvince: '130000',
      occurredAt: new Date().toISOString(),
    };
    for (const transferId of ['😀'.repeat(3000), '..', 'a/b']) {
      const res = await ctx.call('POST', '/national/events', { json: { ...event, transferId } });
      expect(res.status).toBe(400);
      expect(res.data.violations.map((v: { path: string }) => v.path)).toContain('transferId');
    }
  });
});
