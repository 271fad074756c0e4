import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../domain/uscc.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, newPerson, uploadMaterial, waitForState } from '../support/forms.ts';
import { validPhoto, validScan } from '../support/jpeg.ts';

/**
 * A confirmed employer unit sees its own accountants only, masked, each read logged; it confirms a
 * person's employment online, the work-proof scan becomes optional, and the reviewer sees the confirmation.
 */
const X = '110105';
let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.close());

const freshCode = () => makeUscc({ areaCode: X, orgCode: String(10_000_000 + (randomBytes(4).readUInt32BE() % 90_000_000)) });

async function confirmedUnit(creditCode: string) {
  const username = `unit-${randomBytes(4).toString('hex')}`;
  const password = 'unit contact passphrase 7';
  const unit = await ctx.call('POST', '/units/register', {
    json: {
      creditCode,
      name: '北京就业确认测试有限公司',
      districtCode: X,
      contactName: '王经办',
      phone: '010-66668888',
      username,
      password,
    },
  });
  expect(unit.status).toBe(201);
  const token = (await ctx.call('POST', '/auth/login', { json: { username, password } })).data.token as string;
  return { id: unit.data.id as string, token, userId: (await ctx.db.user.findUniqueOrThrow({ where: { username } })).id };
}

describe('an employer unit and its accountants', () => {
  it('sees only the accountants naming its code, masked, and every read is in the access log', async () => {
    const code = freshCode();
    const [mine, other] = await Promise.all([collectedPerson(ctx, X), collectedPerson(ctx, X)]);
    await ctx.db.workInfo.update({ where: { personId: mine.person.id }, data: { unitCreditCode: code } });
    const unit = await confirmedUnit(code);

    const early = await ctx.call('GET', '/units/mine/accountants', { token: unit.token });
    expect([early.status, early.data.type]).toEqual([403, expect.stringMatching(/unit-not-confirmed$/)]);
    const admin = await signInAdmin(ctx);
    expect((await ctx.call('POST', `/units/${unit.id}/confirm`, { token: admin.token })).status).toBe(200);

    const seen = await ctx.call('GET', '/units/mine/accountants', { token: unit.token });
    expect(seen.status).toBe(200);
    expect(seen.data.items.map((i: { personId: string }) => i.personId)).toEqual([mine.person.id]);
    expect(seen.data.items[0]).toMatchObject({
      name: `${[...mine.form.basic.name][0]}${'*'.repeat([...mine.form.basic.name].length - 1)}`,
      archiveNo: `${mine.archiveNo.slice(0, 6)}************`,
      collection: 'collected',
      returnedRequests: 0,
      continuingEducation: { totalCredits: 0, complete: false },
    });
    for (const secret of [mine.archiveNo, mine.form.basic.name, mine.form.basic.mobile, other.archiveNo])
      expect(JSON.stringify(seen.data)).not.toContain(secret);
    const log = await ctx.db.accessLog.findMany({ where: { userId: unit.userId } });
    expect(log).toMatchObject([{ role: 'employer', resource: 'unit.accountants', personId: mine.person.id }]);
  });

  it('confirms a person’s employment online: no work-proof scan needed, and the reviewer sees the confirmation', async () => {
    const code = freshCode();
    const unit = await confirmedUnit(code);
    await ctx.call('POST', `/units/${unit.id}/confirm`, { token: (await signInAdmin(ctx)).token });

    const applicant = await signUpApplicant(ctx);
    const form = accountantForm(newPerson(X));
    form.work.unitCreditCode = code;
    const id = (await ctx.call('POST', '/requests/collection', { token: applicant.token })).data.requestId as string;
    for (const [part, value] of Object.entries(form))
      expect((await ctx.call('PUT', `/requests/${id}/form/${part}`, { token: applicant.token, json: value })).status).toBe(200);
    for (const kind of ['photo', 'idDocument', 'qualificationCertificate', 'educationCertificate'] as const)
      expect(
        (await uploadMaterial(ctx, applicant.token, id, kind, kind === 'photo' ? await validPhoto() : await validScan(kind))).status,
      ).toBe(200);
    expect((await ctx.call('POST', `/requests/${id}/commitment`, { token: applicant.token })).status).toBe(200);
    const incomplete = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(incomplete.status).toBe(422);
    expect(JSON.stringify(incomplete.data.violations)).toContain('workProof');

    // The unit finds the request naming it, masked, and confirms.
    const listed = await ctx.call('GET', '/units/mine/accountants', { token: unit.token });
    expect(listed.data.requests).toMatchObject([{ requestId: id, state: 'draft', employmentConfirmedAt: null }]);
    expect(JSON.stringify(listed.data)).not.toContain(form.basic.idNumber);
    const confirmed = await ctx.call('POST', `/units/mine/requests/${id}/employment-confirmation`, { token: unit.token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.data).toMatchObject({ requestId: id, creditCode: code, unitName: '北京就业确认测试有限公司' });
    // Another unit cannot confirm it: to it the request does not exist.
    const stranger = await confirmedUnit(freshCode());
    await ctx.call('POST', `/units/${stranger.id}/confirm`, { token: (await signInAdmin(ctx)).token });
    expect((await ctx.call('POST', `/units/mine/requests/${id}/employment-confirmation`, { token: stranger.token })).status).toBe(404);

    expect((await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).status).toBe(200);
    const reviewer = await signInReviewer(ctx, X);
    const detail = await ctx.call('GET', `/requests/${id}`, { token: reviewer.token });
    expect(detail.data.employmentConfirmation).toMatchObject({
      creditCode: code,
      unitName: '北京就业确认测试有限公司',
      confirmedAt: expect.any(String),
    });
    expect(detail.data.materials.map((m: { kind: string }) => m.kind)).not.toContain('workProof');
    expect((await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).status).toBe(200);
    await waitForState(ctx, id, 'completed', 60_000);
    const after = await ctx.call('GET', '/units/mine/accountants', { token: unit.token });
    expect(after.data.items).toHaveLength(1);
    expect(after.data.requests).toEqual([]);
  });
});
