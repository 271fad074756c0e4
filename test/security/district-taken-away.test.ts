import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtReviewUpdate } from '../../workflows/messages.ts';
import { signInAdmin, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, newPerson } from '../support/forms.ts';

/**
 * A reviewer of two districts loses one: from that moment the district's inbox, its requests and its
 * decisions are closed to them — in the API, which reads the account's districts on every call, and in
 * the workflow, whose validator checks the districts the API passes with the decision.
 */
const X = '110105';
const Y = '110108';
let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.close());

const login = async (username: string, password: string) =>
  (await ctx.call('POST', '/auth/login', { json: { username, password } })).data.token as string;
/** Every request in the reviewer's inbox, all pages (the run's other files fill it too). */
async function inboxIds(token: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= 50; page++) {
    const res = await ctx.call('GET', `/reviews/inbox?pageSize=100&page=${page}`, { token });
    expect(res.status).toBe(200);
    ids.push(...(res.data.items as { requestId: string }[]).map((i) => i.requestId));
    if (ids.length >= res.data.total) break;
  }
  return ids;
}

describe('a district taken away from a reviewer', () => {
  it('closes its inbox, its requests and its decisions at once', async () => {
    const admin = await signInAdmin(ctx);
    const applicant = await signUpApplicant(ctx);
    const inY = await fillDraft(ctx, applicant.token, accountantForm(newPerson(Y)));
    expect((await ctx.call('POST', `/requests/${inY}/submit`, { token: applicant.token })).status).toBe(200);

    const username = `reviewer-xy-${Date.now().toString(36)}`;
    const created = await ctx.call('POST', '/admin/staff', {
      token: admin.token,
      json: { username, role: 'reviewer', displayName: '朝阳海淀审核', districtCodes: [X, Y] },
    });
    const otp = created.data.oneTimePassword as string;
    const reviewerId = created.data.account.id as string;
    const password = 'reviews two districts 2026';
    expect(
      (
        await ctx.call('POST', '/auth/password', {
          token: await login(username, otp),
          json: { currentPassword: otp, newPassword: password },
        })
      ).status,
    ).toBe(204);
    let token = await login(username, password);
    expect(await inboxIds(token)).toContain(inY);
    expect((await ctx.call('GET', `/requests/${inY}`, { token })).status).toBe(200);

    expect((await ctx.call('PATCH', `/admin/staff/${reviewerId}`, { token: admin.token, json: { districtCodes: [X] } })).status).toBe(200);
    expect((await ctx.call('GET', '/reviews/inbox', { token })).status).toBe(401);
    token = await login(username, password);
    expect(await inboxIds(token)).not.toContain(inY);
    expect((await ctx.call('GET', `/requests/${inY}`, { token })).status).toBe(404);
    const review = await ctx.call('POST', `/requests/${inY}/review`, { token, json: { outcome: 'approved' } });
    expect(review.status).toBe(404);

    // The workflow itself: a decision carrying the reviewer's old single district but their current
    // districts is refused; the same reviewer given Y back is accepted.
    const { workflowId } = await ctx.db.request.findUniqueOrThrow({ where: { id: inY } });
    const handle = ctx.temporal.workflow.getHandle(workflowId);
    const refused = await handle
      .executeUpdate(districtReviewUpdate, {
        args: [{ outcome: 'approved', actor: { userId: reviewerId, role: 'reviewer', districtCode: Y, districtCodes: [X] } }],
      })
      .then(
        () => 'accepted',
        (e) => (e instanceof WorkflowUpdateFailedError ? (e.cause as { type?: string }).type : String(e)),
      );
    expect(refused).toBe('wrong-district');

    expect((await ctx.call('PATCH', `/admin/staff/${reviewerId}`, { token: admin.token, json: { districtCodes: [X, Y] } })).status).toBe(
      200,
    );
    token = await login(username, password);
    const approved = await ctx.call('POST', `/requests/${inY}/review`, { token, json: { outcome: 'approved' } });
    expect(approved.status).toBe(200);
  });
});
