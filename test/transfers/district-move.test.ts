import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../domain/uscc.ts';
import { signInReviewer } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { uploadMaterial, waitForState } from '../support/forms.ts';
import { validScan } from '../support/jpeg.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.close());

const pairs = (data: { violations?: { rule: string; path: string }[] }) => (data.violations ?? []).map((v) => [v.rule, v.path]);

/** The work unit moved to Haidian (110108): the same person's work part, now there. */
function workIn(work: Record<string, unknown>, districtCode: string) {
  return {
    ...work,
    unitName: '北京海淀示例有限公司',
    unitCreditCode: makeUscc({ areaCode: districtCode, orgCode: 'MA01B2C4' }),
    unitDistrict: districtCode,
  };
}

async function moveDraft(token: string) {
  const draft = await ctx.call('POST', '/requests/district-move', { token });
  expect(draft.status).toBe(201);
  return draft.data.requestId as string;
}

describe('district move (省内调转) is checked like collection', () => {
  it('refuses, when saved, a district that does not fit the basis, naming the rule on the move field', async () => {
    const { applicant, form } = await collectedPerson(ctx, '110105');
    const id = await moveDraft(applicant.token);

    // Doing accounting work with the unit still in Chaoyang (110105): Haidian is not the work unit's district.
    const wrong = await ctx.call('PUT', `/requests/${id}/form/move`, {
      token: applicant.token,
      json: { district: { code: '110108', basis: 'workUnit' } },
    });
    expect(wrong.status).toBe(400);
    expect(pairs(wrong.data)).toEqual([['district.wrongJurisdiction', 'move.district.code']]);
    expect(wrong.data.rule).toBe('district.wrongJurisdiction');
    // The answer tells the way out: the move carries the new work unit.
    expect(wrong.data.violations[0].zh).toContain('新的工作单位');

    const basis = await ctx.call('PUT', `/requests/${id}/form/move`, {
      token: applicant.token,
      json: { district: { code: '110108', basis: 'residence' } },
    });
    expect(basis.status).toBe(400);
    expect(pairs(basis.data)).toContainEqual(['district.wrongBasis', 'move.district.basis']);

    // A new work unit in another district than the one moved to does not fit either.
    const elsewhere = await ctx.call('PUT', `/requests/${id}/form/move`, {
      token: applicant.token,
      json: { district: { code: '110108', basis: 'workUnit' }, work: workIn(form.work, '110101') },
    });
    expect(elsewhere.status).toBe(400);
    expect(pairs(elsewhere.data)).toEqual([['district.wrongJurisdiction', 'move.district.code']]);

    // Nothing was saved by the refusals.
    expect((await ctx.db.request.findUniqueOrThrow({ where: { id } })).form).toEqual({});
  });

  it('refuses at submit a saved move that does not fit (a draft saved before the rule), and asks the proof of a new work unit', async () => {
    const { applicant, form } = await collectedPerson(ctx, '110105');
    const id = await moveDraft(applicant.token);
    await uploadMaterial(ctx, applicant.token, id, 'transferProof', await validScan('move'));
    await ctx.call('POST', `/requests/${id}/commitment`, { token: applicant.token });
    await ctx.db.request.update({ where: { id }, data: { form: { move: { district: { code: '110108', basis: 'workUnit' } } } } });
    const refused = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(refused.status).toBe(422);
    expect(pairs(refused.data)).toEqual([['district.wrongJurisdiction', 'move.district.code']]);

    const saved = await ctx.call('PUT', `/requests/${id}/form/move`, {
      token: applicant.token,
      json: { district: { code: '110108', basis: 'workUnit' }, work: workIn(form.work, '110108') },
    });
    expect(saved.status).toBe(200);
    const unproven = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(unproven.status).toBe(422);
    expect(pairs(unproven.data)).toEqual([['materials.required', 'materials.workProof']]);
  });

  it('a move that carries the new work unit passes; the moved record takes the next ordinary change', async () => {
    const { applicant, form, person, archiveNo } = await collectedPerson(ctx, '110105');
    const id = await moveDraft(applicant.token);
    const work = workIn(form.work, '110108');
    const saved = await ctx.call('PUT', `/requests/${id}/form/move`, {
      token: applicant.token,
      json: { district: { code: '110108', basis: 'workUnit' }, work, reason: '工作单位变更至海淀区' },
    });
    expect(saved.status).toBe(200);
    await uploadMaterial(ctx, applicant.token, id, 'transferProof', await validScan('move'));
    await uploadMaterial(ctx, applicant.token, id, 'workProof', await validScan('new-unit'));
    await ctx.call('POST', `/requests/${id}/commitment`, { token: applicant.token });
    const submitted = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(submitted.status).toBe(200);
    expect(submitted.data).toMatchObject({ state: 'awaitingReview', districtCode: '110108' });

    const receiving = await signInReviewer(ctx, '110108');
    const approved = await ctx.call('POST', `/requests/${id}/review`, { token: receiving.token, json: { outcome: 'approved' } });
    expect(approved.data.state).toBe('approved');
    await waitForState(ctx, id, 'completed', 60_000);

    const moved = await ctx.db.person.findUniqueOrThrow({
      where: ctx.byArchiveNo(archiveNo),
      include: { work: true, materials: true, history: { where: { requestId: id } } },
    });
    expect(moved).toMatchObject({ districtCode: '110108', districtBasis: 'workUnit' });
    expect(moved.work).toMatchObject({ unitDistrict: '110108', unitName: '北京海淀示例有限公司', unitCreditCode: work.unitCreditCode });
    expect(moved.history.map((h) => h.field).sort()).toEqual(['district', 'work.unitCreditCode', 'work.unitDistrict', 'work.unitName']);
    expect(moved.history.find((h) => h.field === 'district')).toMatchObject({
      oldValue: { code: '110105', basis: 'workUnit' },
      newValue: { code: '110108', basis: 'workUnit' },
      actorId: receiving.userId,
    });
    const proof = await ctx.db.requestMaterial.findFirstOrThrow({ where: { requestId: id, kind: 'workProof', replacedAt: null } });
    expect(moved.materials.find((m) => m.kind === 'workProof')).toMatchObject({ sha256: proof.sha256, requestId: id });

    // The record is valid as moved: an ordinary change of it is accepted and reviewed by the new district.
    const change = await ctx.call('POST', '/requests/change', { token: applicant.token });
    expect(change.status).toBe(201);
    const changeId = change.data.requestId as string;
    const part = await ctx.call('PUT', `/requests/${changeId}/form/work`, {
      token: applicant.token,
      json: { ...work, posts: ['cashier'] },
    });
    expect(part.status).toBe(200);
    await uploadMaterial(ctx, applicant.token, changeId, 'workProof', await validScan('posts'));
    await ctx.call('POST', `/requests/${changeId}/commitment`, { token: applicant.token });
    const next = await ctx.call('POST', `/requests/${changeId}/submit`, { token: applicant.token });
    expect(next.status).toBe(200);
    expect(next.data).toMatchObject({ kind: 'change', state: 'awaitingReview', districtCode: '110108' });
    expect(person.id).toBe(moved.id);
  });

  it('a qualified person not doing accounting work moves by residence to any district; a work unit is refused for them', async () => {
    const { applicant, form } = await collectedPerson(ctx, '110105');
    // Make the record one of a qualified person not working, collected by residence.
    const p = await ctx.db.person.findFirstOrThrow({ where: { applicantId: applicant.userId } });
    await ctx.db.workInfo.deleteMany({ where: { personId: p.id } });
    await ctx.db.person.update({ where: { id: p.id }, data: { situation: 'qualifiedNotWorking', districtBasis: 'residence' } });
    const id = await moveDraft(applicant.token);
    const ok = await ctx.call('PUT', `/requests/${id}/form/move`, {
      token: applicant.token,
      json: { district: { code: '110101', basis: 'residence' } },
    });
    expect(ok.status).toBe(200);
    const withWork = await ctx.call('PUT', `/requests/${id}/form/move`, {
      token: applicant.token,
      json: { district: { code: '110108', basis: 'householdRegistration' }, work: workIn(form.work, '110108') },
    });
    expect(withWork.status).toBe(400);
    expect(pairs(withWork.data)).toEqual([['move.workNotWorking', 'move.work']]);
  });
});
