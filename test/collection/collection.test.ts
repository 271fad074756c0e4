import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNationalClient } from '../../national/client.ts';
import { districtReviewUpdate, statusQuery } from '../../workflows/messages.ts';
import { signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, newPerson, uploadMaterial, waitForState } from '../support/forms.ts';
import { recordHistory } from '../support/histories.ts';
import { validPhoto } from '../support/jpeg.ts';

let ctx: TestContext;
let reviewer: { token: string; userId: string };
beforeAll(async () => {
  ctx = await testContext();
  reviewer = await signInReviewer(ctx, '110105');
});
afterAll(() => ctx.close());

describe('information collection (信息采集)', () => {
  it('goes from draft to the national platform: submit, approve, record, upload, complete', async () => {
    const applicant = await signUpApplicant(ctx);
    const form = accountantForm();
    const id = await fillDraft(ctx, applicant.token, form);

    const submitted = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(submitted.status).toBe(200);
    expect(submitted.data).toMatchObject({
      requestId: id,
      kind: 'collection',
      state: 'awaitingReview',
      round: 1,
      districtCode: '110105',
      overdue: false,
    });
    expect(Date.parse(submitted.data.reviewDueAt)).toBeGreaterThan(Date.now());

    const inbox = await ctx.call('GET', '/reviews/inbox?pageSize=100', { token: reviewer.token });
    expect(inbox.status).toBe(200);
    expect(inbox.data.items.map((i: { requestId: string }) => i.requestId)).toContain(id);

    const detail = await ctx.call('GET', `/requests/${id}`, { token: reviewer.token });
    expect(detail.status).toBe(200);
    expect(detail.data.materials.map((m: { kind: string }) => m.kind).sort()).toEqual([
      'educationCertificate',
      'idDocument',
      'photo',
      'qualificationCertificate',
      'workProof',
    ]);
    const photo = await ctx.app.request(`/requests/${id}/materials/photo`, { headers: { authorization: `Bearer ${reviewer.token}` } });
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer()).equals(await validPhoto())).toBe(true);

    const approved = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } });
    expect(approved.status).toBe(200);
    expect(approved.data.state).toBe('approved');

    await waitForState(ctx, id, 'completed');
    const person = await ctx.db.person.findUniqueOrThrow({
      where: ctx.byArchiveNo(form.basic.idNumber),
      include: { work: true, educations: true, qualifications: true, materials: true, history: true, syncs: true },
    });
    expect(person).toMatchObject({ districtCode: '110105', name: '张伟', situation: 'accountingWork' });
    expect(ctx.personalData.open('mobile', person.mobileSealed)).toBe(form.basic.mobile);
    expect(ctx.personalData.open('idNumber', person.archiveNoSealed)).toBe(form.basic.idNumber);
    expect(person.work?.unitCreditCode).toBe(form.work.unitCreditCode);
    expect(person.materials).toHaveLength(5);
    expect(person.history.map((h) => h.field).sort()).toEqual(['basic', 'district', 'education', 'qualifications', 'situation', 'work']);
    expect(person.history.every((h) => h.requestId === id && h.actorId === reviewer.userId)).toBe(true);
    expect(person.syncs).toMatchObject([{ status: 'synced', version: 1, requestId: id }]);

    const national = createNationalClient({ baseUrl: ctx.run.nationalUrl, province: '110000' });
    const remote = await national.getRecord(form.basic.idNumber);
    expect(remote).toMatchObject({ version: 1, province: '110000' });

    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'approved',
      'recording',
      'uploading',
      'completed',
    ]);

    const recorded = await ctx.call('GET', `/requests/${id}/status`, { token: applicant.token });
    const live = await ctx.call('GET', `/requests/${id}/status?live=true`, { token: applicant.token });
    expect(live.data.state).toBe('completed');
    expect(recorded.data).toEqual(live.data);
    expect((await ctx.call('GET', `/requests/${id}/status?live=maybe`, { token: applicant.token })).status).toBe(400);
    await recordHistory(ctx.temporal, `collection-${id}`, 'collectionRequest--approved-first-time');
  });

  it('keeps personal data out of the workflow: history and search attributes carry ids and codes only', async () => {
    const applicant = await signUpApplicant(ctx);
    const form = accountantForm();
    const id = await fillDraft(ctx, applicant.token, form);
    await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    await ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'field', path: 'basic.address', reason: '地址不完整' }] },
    });

    const handle = ctx.temporal.workflow.getHandle(`collection-${id}`);
    const history = JSON.stringify(await handle.fetchHistory());
    const described = await handle.describe();
    for (const secret of [form.basic.idNumber, form.basic.mobile, form.basic.name, form.work.unitName]) {
      expect(history).not.toContain(secret);
      expect(history).not.toContain(Buffer.from(JSON.stringify(secret)).toString('base64').slice(0, 12));
    }
    expect(described.searchAttributes).toMatchObject({
      RequestKind: ['collection'],
      RequestState: ['returned'],
      DistrictCode: ['110105'],
      ReviewOverdue: [false],
    });
    expect(JSON.stringify(described.searchAttributes)).not.toContain(form.basic.idNumber);
    expect(await handle.query(statusQuery)).toMatchObject({ state: 'returned', round: 1 });
  });

  it('loops through two rounds of correction, each with its own reasons, changing only what was returned', async () => {
    const applicant = await signUpApplicant(ctx);
    const form = accountantForm();
    const id = await fillDraft(ctx, applicant.token, form);
    await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });

    const round1 = await ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: {
        outcome: 'returned',
        comment: '请按要求修改',
        reasons: [
          { target: 'field', path: 'basic.mobile', reason: '手机号无法接通，请核对' },
          { target: 'material', path: 'materials.photo', reason: '照片不清晰' },
        ],
      },
    });
    expect(round1.status).toBe(200);
    expect(round1.data).toMatchObject({
      state: 'returned',
      round: 1,
      returned: { round: 1, reasons: [{ path: 'basic.mobile' }, { path: 'materials.photo' }] },
    });
    expect(Date.parse(round1.data.correctionDueAt)).toBeGreaterThan(Date.now());
    await waitForState(ctx, id, 'returned');

    // Only what was returned may change.
    const sneaky = await ctx.call('PUT', `/requests/${id}/form/basic`, {
      token: applicant.token,
      json: { ...form.basic, address: '北京市海淀区' },
    });
    expect(sneaky.status).toBe(409);
    expect(sneaky.data).toMatchObject({ type: expect.stringMatching(/change-not-returned$/), paths: ['basic.address'] });
    const notReturnedMaterial = await uploadMaterial(ctx, applicant.token, id, 'idDocument', await validPhoto());
    expect(notReturnedMaterial.status).toBe(409);

    const fixed = await ctx.call('PUT', `/requests/${id}/form/basic`, {
      token: applicant.token,
      json: { ...form.basic, mobile: '13800138000' },
    });
    expect(fixed.status).toBe(200);
    expect((await uploadMaterial(ctx, applicant.token, id, 'photo', await validPhoto())).status).toBe(200);
    const resubmitted = await ctx.call('POST', `/requests/${id}/resubmit`, { token: applicant.token });
    expect(resubmitted.data).toMatchObject({ state: 'awaitingReview', round: 2 });

    const round2 = await ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'field', path: 'work.unitName', reason: '单位名称应与营业执照一致' }] },
    });
    expect(round2.data).toMatchObject({ state: 'returned', round: 2, returned: { round: 2, reasons: [{ path: 'work.unitName' }] } });
    await waitForState(ctx, id, 'returned');
    // The applicant's status page: the recorded state and the workflow's live answer say the same.
    const recorded = await ctx.call('GET', `/requests/${id}/status`, { token: applicant.token });
    const live = await ctx.call('GET', `/requests/${id}/status?live=true`, { token: applicant.token });
    expect(recorded.status).toBe(200);
    expect(recorded.data).toEqual(live.data);
    expect(recorded.data).toMatchObject({
      state: 'returned',
      round: 2,
      returned: { round: 2, reasons: [{ target: 'field', path: 'work.unitName', reason: '单位名称应与营业执照一致' }] },
    });
    expect(Date.parse(recorded.data.correctionDueAt)).toBeGreaterThan(Date.now());
    expect(
      (
        await ctx.call('PUT', `/requests/${id}/form/work`, {
          token: applicant.token,
          json: { ...form.work, unitName: '北京示例科技股份有限公司' },
        })
      ).status,
    ).toBe(200);
    expect((await ctx.call('POST', `/requests/${id}/resubmit`, { token: applicant.token })).data).toMatchObject({
      state: 'awaitingReview',
      round: 3,
    });
    expect((await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).data.state).toBe(
      'approved',
    );
    await waitForState(ctx, id, 'completed');

    const decisions = await ctx.db.reviewDecision.findMany({
      where: { requestId: id },
      orderBy: { round: 'asc' },
      include: { reasons: true },
    });
    expect(decisions.map((d) => [d.round, d.outcome, d.reasons.map((r) => r.path).sort()])).toEqual([
      [1, 'returned', ['basic.mobile', 'materials.photo']],
      [2, 'returned', ['work.unitName']],
      [3, 'approved', []],
    ]);
    const person = await ctx.db.person.findUniqueOrThrow({ where: ctx.byArchiveNo(form.basic.idNumber), include: { work: true } });
    expect(ctx.personalData.open('mobile', person.mobileSealed)).toBe('13800138000');
    expect(person.address).toBe(form.basic.address);
    expect(person.work?.unitName).toBe('北京示例科技股份有限公司');

    await recordHistory(ctx.temporal, `collection-${id}`, 'collectionRequest--two-correction-rounds');
    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    const returned = timeline.data.events.filter((e: { type: string }) => e.type === 'returned');
    expect(returned.map((e: { round: number; reasons: { path: string }[] }) => [e.round, e.reasons.map((r) => r.path).sort()])).toEqual([
      [1, ['basic.mobile', 'materials.photo']],
      [2, ['work.unitName']],
    ]);
  });

  it('refuses a reviewer of another district: to the API the request does not exist, and the workflow refuses too', async () => {
    const applicant = await signUpApplicant(ctx);
    const id = await fillDraft(ctx, applicant.token, accountantForm());
    await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    const other = await signInReviewer(ctx, '110108');

    // What the reviewer may not see, they may not review: the same 404 as reading it, or a request that does not exist.
    const res = await ctx.call('POST', `/requests/${id}/review`, { token: other.token, json: { outcome: 'approved' } });
    expect(res.status).toBe(404);
    expect(res.data).toMatchObject({ type: expect.stringMatching(/not-found$/), detail_zh: expect.any(String) });
    expect((await ctx.call('GET', `/requests/${id}`, { token: other.token })).status).toBe(404);

    // Straight to the workflow, past the API: its validator refuses too, and nothing is recorded.
    const handle = ctx.temporal.workflow.getHandle(`collection-${id}`);
    const err = await handle
      .executeUpdate(districtReviewUpdate, {
        args: [{ outcome: 'approved', actor: { userId: other.userId, role: 'reviewer', districtCode: '110108' } }],
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(err.cause.type).toBe('wrong-district');
    expect(await ctx.db.reviewDecision.count({ where: { requestId: id } })).toBe(0);
    expect((await handle.query(statusQuery)).state).toBe('awaitingReview');

    const noReasons = await ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [] },
    });
    expect(noReasons.status).toBe(422);
    expect(noReasons.data.type).toMatch(/return-without-reasons$/);
  });

  it('refuses a duplicate submit, and a second open collection for the same person', async () => {
    const applicant = await signUpApplicant(ctx);
    const person = newPerson();
    const id = await fillDraft(ctx, applicant.token, accountantForm(person));
    expect((await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).status).toBe(200);
    const again = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(again.status).toBe(409);
    expect(again.data.type).toMatch(/already-submitted$/);

    const other = await signUpApplicant(ctx);
    const second = await fillDraft(ctx, other.token, accountantForm(person));
    const dup = await ctx.call('POST', `/requests/${second}/submit`, { token: other.token });
    expect(dup.status).toBe(409);
    expect(dup.data).toMatchObject({ type: expect.stringMatching(/request-already-open$/), openRequestId: id });
    expect((await ctx.db.request.findUniqueOrThrow({ where: { id: second } })).state).toBe('draft');
    await expect(ctx.temporal.workflow.getHandle(`collection-${second}`).describe()).rejects.toThrow();
  });

  it('refuses to collect a person another province keeps on the national platform: a transfer in is the way', async () => {
    const person = newPerson();
    const hebei = createNationalClient({ baseUrl: ctx.run.nationalUrl, province: '130000' });
    await hebei.uploadRecord({
      archiveNo: person.idNumber,
      record: { name: '张伟' },
      requestId: 'hebei-1',
      kind: 'collection',
      idempotencyKey: `hebei-${person.idNumber}`,
    });

    const applicant = await signUpApplicant(ctx);
    const id = await fillDraft(ctx, applicant.token, accountantForm(person));
    const res = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(res.status).toBe(409);
    expect(res.data).toMatchObject({ type: expect.stringMatching(/collected-elsewhere$/), province: '130000' });
    expect(res.data.detail_zh).toContain('调入');
    // Nothing started, nothing claimed: the person can still apply for the transfer in.
    expect(await ctx.db.request.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: 'draft', openKey: null });
    await expect(ctx.temporal.workflow.getHandle(`collection-${id}`).describe()).rejects.toThrow();
  });

  it('refuses an incomplete request at submit with every missing rule named, and starts nothing', async () => {
    const applicant = await signUpApplicant(ctx);
    const created = await ctx.call('POST', '/requests/collection', { token: applicant.token });
    const id = created.data.requestId;
    await ctx.call('PUT', `/requests/${id}/form/situation`, { token: applicant.token, json: 'accountingWork' });
    const res = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const rules = res.data.violations.map((v: { rule: string; path: string }) => `${v.rule}@${v.path}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'materials.required@materials.photo',
        'materials.required@materials.workProof',
        'commitment.required@commitmentAccepted',
      ]),
    );
    expect(res.data.violations.some((v: { path: string }) => v.path.startsWith('basic'))).toBe(true);
    await expect(ctx.temporal.workflow.getHandle(`collection-${id}`).describe()).rejects.toThrow();
  });

  it('refuses a bad material at upload, naming the rule, and stores nothing', async () => {
    const applicant = await signUpApplicant(ctx);
    const created = await ctx.call('POST', '/requests/collection', { token: applicant.token });
    const id = created.data.requestId;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const res = await uploadMaterial(ctx, applicant.token, id, 'photo', png);
    expect(res.status).toBe(422);
    expect(res.data.rule).toBe('materials.notJpeg');
    expect(res.data.detail_zh).toBeTruthy();
    expect(await ctx.db.requestMaterial.count({ where: { requestId: id } })).toBe(0);
    expect(await ctx.storage.list(`requests/${id}/`)).toEqual([]);

    const huge = await uploadMaterial(ctx, applicant.token, id, 'idDocument', new Uint8Array(60 * 1024).fill(0xff));
    expect(huge.status).toBe(413);
    expect(await ctx.storage.list(`requests/${id}/`)).toEqual([]);
  });
});
