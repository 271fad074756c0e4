import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createLogger } from '../../clients/log.ts';
import { isSealed } from '../../clients/personal-data.ts';
import { createNationalClient } from '../../national/client.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { newPerson, uploadMaterial, waitForState } from '../support/forms.ts';
import { recordHistory } from '../support/histories.ts';
import { validScan } from '../support/jpeg.ts';

let ctx: TestContext;
let reviewer: { token: string; userId: string };
let national: ReturnType<typeof createNationalClient>;
beforeAll(async () => {
  ctx = await testContext();
  reviewer = await signInReviewer(ctx, '110105');
  national = createNationalClient({ baseUrl: ctx.run.nationalUrl, province: '110000' });
});
afterAll(() => ctx.close());

/** Polls until the national platform holds a version of the record at least `version`. */
async function nationalVersion(archiveNo: string, version: number) {
  const until = Date.now() + 30_000;
  for (;;) {
    const r = await national.getRecord(archiveNo);
    if (r && r.version >= version) return r;
    if (Date.now() > until) throw new Error(`national record at version ${r?.version}, not ${version}`);
    await new Promise((res) => setTimeout(res, 150));
  }
}

describe('information change (信息变更) with review', () => {
  it('is returned once, corrected, approved: the record changes with history rows and a new national version', async () => {
    const { applicant, form, person, archiveNo } = await collectedPerson(ctx);
    expect((await national.getRecord(archiveNo))?.version).toBe(1);

    const draft = await ctx.call('POST', '/requests/change', { token: applicant.token });
    expect(draft.status).toBe(201);
    expect(draft.data).toMatchObject({ kind: 'change', state: 'draft' });
    const id: string = draft.data.requestId;
    const y = Number(form.education[0]!.graduatedOn.slice(0, 4));
    const master = {
      studyMode: 'partTime',
      school: '中国人民大学',
      level: 'master',
      degree: 'master',
      major: '会计',
      enrolledOn: `${y + 2}-09-01`,
      graduatedOn: `${y + 5}-07-01`,
    };
    expect(
      (await ctx.call('PUT', `/requests/${id}/form/education`, { token: applicant.token, json: [...form.education, master] })).status,
    ).toBe(200);
    expect(
      (
        await ctx.call('PUT', `/requests/${id}/form/work`, {
          token: applicant.token,
          json: { ...form.work, unitName: '北京新单位有限公司' },
        })
      ).status,
    ).toBe(200);
    const badPart = await ctx.call('PUT', `/requests/${id}/form/education`, {
      token: applicant.token,
      json: [{ ...master, graduatedOn: 'soon' }],
    });
    expect(badPart.status).toBe(400);
    expect(badPart.data.violations[0]).toMatchObject({ path: 'education.0.graduatedOn', rule: 'date.format' });

    // The proof of what changes is required, and the commitment.
    const incomplete = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(incomplete.status).toBe(422);
    expect(incomplete.data.violations.map((v: { rule: string; path: string }) => `${v.rule}@${v.path}`).sort()).toEqual([
      'commitment.required@commitmentAccepted',
      'materials.required@materials.educationCertificate',
      'materials.required@materials.workProof',
    ]);
    for (const kind of ['educationCertificate', 'workProof'])
      expect((await uploadMaterial(ctx, applicant.token, id, kind, await validScan(kind))).status).toBe(200);
    await ctx.call('POST', `/requests/${id}/commitment`, { token: applicant.token });
    const submitted = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(submitted.status).toBe(200);
    expect(submitted.data).toMatchObject({ kind: 'change', state: 'awaitingReview', round: 1, districtCode: '110105' });

    // At most one open change per person.
    const second = await ctx.call('POST', '/requests/change', { token: applicant.token });
    const sid = second.data.requestId;
    await ctx.call('PUT', `/requests/${sid}/form/work`, { token: applicant.token, json: { ...form.work, administrativePost: 'head' } });
    await uploadMaterial(ctx, applicant.token, sid, 'workProof', await validScan('workProof'));
    await ctx.call('POST', `/requests/${sid}/commitment`, { token: applicant.token });
    const dup = await ctx.call('POST', `/requests/${sid}/submit`, { token: applicant.token });
    expect(dup.status).toBe(409);
    expect(dup.data).toMatchObject({ type: expect.stringMatching(/request-already-open$/), openRequestId: id });

    const inbox = await ctx.call('GET', '/reviews/inbox?pageSize=100', { token: reviewer.token });
    expect(inbox.data.items.find((i: { requestId: string }) => i.requestId === id)).toMatchObject({ kind: 'change' });
    const returned = await ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'field', path: 'education', reason: '请填写硕士学位证书编号' }] },
    });
    expect(returned.data).toMatchObject({ state: 'returned', round: 1 });
    await waitForState(ctx, id, 'returned');

    const notReturned = await ctx.call('PUT', `/requests/${id}/form/work`, {
      token: applicant.token,
      json: { ...form.work, unitName: '别的单位' },
    });
    expect(notReturned.status).toBe(409);
    const fixed = [...form.education, { ...master, degreeCertificateNo: '1000242019000123' }];
    expect((await ctx.call('PUT', `/requests/${id}/form/education`, { token: applicant.token, json: fixed })).status).toBe(200);
    expect((await ctx.call('POST', `/requests/${id}/resubmit`, { token: applicant.token })).data).toMatchObject({
      state: 'awaitingReview',
      round: 2,
    });
    expect((await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).data.state).toBe(
      'approved',
    );
    await waitForState(ctx, id, 'completed');

    const after = await ctx.db.person.findUniqueOrThrow({
      where: { id: person.id },
      include: { educations: true, work: true, materials: true },
    });
    expect(after.educations.map((e) => e.level).sort()).toEqual(['bachelor', 'master']);
    expect(after.educations.find((e) => e.level === 'master')?.degreeCertificateNo).toBe('1000242019000123');
    expect(after.work?.unitName).toBe('北京新单位有限公司');
    expect(ctx.personalData.open('mobile', after.mobileSealed)).toBe(form.basic.mobile);
    expect(after.materials.find((m) => m.kind === 'workProof')?.requestId).toBe(id);

    const history = await ctx.db.personHistory.findMany({ where: { personId: person.id, requestId: id }, orderBy: { field: 'asc' } });
    expect(history.map((h) => h.field)).toEqual(['education', 'materials.educationCertificate', 'materials.workProof', 'work.unitName']);
    expect(history.every((h) => h.actorId === reviewer.userId)).toBe(true);
    const unit = history.find((h) => h.field === 'work.unitName')!;
    expect([unit.oldValue, unit.newValue]).toEqual([form.work.unitName, '北京新单位有限公司']);
    const edu = history.find((h) => h.field === 'education')!;
    expect([(edu.oldValue as unknown[]).length, (edu.newValue as unknown[]).length]).toEqual([1, 2]);

    const remote = await nationalVersion(archiveNo, 2);
    expect(remote).toMatchObject({ version: 2, kind: 'change', requestId: id });
    expect((remote.record.work as { unitName: string }).unitName).toBe('北京新单位有限公司');
    const sync = await ctx.db.nationalSync.findUniqueOrThrow({ where: { idempotencyKey: `change-${id}:national-upload` } });
    expect(sync).toMatchObject({ status: 'synced', version: 2, kind: 'change' });

    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'returned',
      'resubmitted',
      'approved',
      'recording',
      'uploading',
      'completed',
    ]);

    // Applying the same approval again (an activity retried) changes nothing.
    const activities = createActivities({
      db: ctx.db,
      storage: ctx.storage,
      national,
      log: createLogger('silent', 'test'),
      personalData: ctx.personalData,
      provinceCode: '110000',
    });
    await activities.applyChange({ requestId: id });
    expect(await ctx.db.personHistory.count({ where: { personId: person.id, requestId: id } })).toBe(4);
    expect(await ctx.db.education.count({ where: { personId: person.id } })).toBe(2);

    // The change shows at once on the linked record.
    const record = await ctx.call('GET', '/people/me/record', { token: applicant.token });
    expect(record.data.work.unitName).toBe('北京新单位有限公司');
    expect(record.data.history.filter((h: { requestId: string }) => h.requestId === id)).toHaveLength(4);
    await recordHistory(ctx.temporal, `change-${id}`, 'changeRequest--returned-then-approved');
  });

  it('refuses a change that changes nothing, and a new ID number (the archive number)', async () => {
    const { applicant, form } = await collectedPerson(ctx);
    const draft = await ctx.call('POST', '/requests/change', { token: applicant.token });
    const id = draft.data.requestId;
    await ctx.call('POST', `/requests/${id}/commitment`, { token: applicant.token });
    const nothing = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(nothing.status).toBe(422);
    expect(nothing.data.violations.map((v: { rule: string }) => v.rule)).toEqual(['change.nothing']);

    // Only contact fields differ: still nothing to review.
    await ctx.call('PUT', `/requests/${id}/form/basic`, { token: applicant.token, json: { ...form.basic, mobile: '13600000000' } });
    expect(
      (await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).data.violations.map((v: { rule: string }) => v.rule),
    ).toEqual(['change.nothing']);

    const someoneElse = newPerson();
    const saved = await ctx.call('PUT', `/requests/${id}/form/basic`, {
      token: applicant.token,
      json: { ...form.basic, idNumber: someoneElse.idNumber, birthDate: someoneElse.birthDate },
    });
    expect(saved.status).toBe(200);
    const rules = (await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).data.violations.map(
      (v: { rule: string; path: string }) => `${v.rule}@${v.path}`,
    );
    expect(rules).toContain('change.archiveNo@basic.idNumber');
  });
});

describe('contact change (mobile, email, address): at once, without review', () => {
  it('updates the record with a history row and syncs a new version to the national platform', async () => {
    const { applicant, person, archiveNo, form } = await collectedPerson(ctx);
    const res = await ctx.call('PUT', '/people/me/contact', {
      token: applicant.token,
      json: { mobile: '13700001111', address: '北京市朝阳区光华路8号', email: form.basic.email },
    });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      personId: person.id,
      changed: ['mobile', 'address'],
      contact: { mobile: '13700001111', address: '北京市朝阳区光华路8号' },
    });
    const requestId: string = res.data.requestId;

    // In effect at once, before the national sync is necessarily done.
    expect(ctx.personalData.open('mobile', (await ctx.db.person.findUniqueOrThrow({ where: { id: person.id } })).mobileSealed)).toBe(
      '13700001111',
    );
    expect((await ctx.call('GET', `/people/${person.id}/record`, { token: applicant.token })).data.basic.mobile).toBe('13700001111');
    const history = await ctx.db.personHistory.findMany({ where: { personId: person.id, requestId }, orderBy: { field: 'asc' } });
    const opened = (h: (typeof history)[number]) => [
      h.field,
      ctx.personalData.openAt(h.field, h.oldValue),
      ctx.personalData.openAt(h.field, h.newValue),
      h.actorId,
    ];
    expect(history.map(opened)).toEqual([
      ['basic.address', form.basic.address, '北京市朝阳区光华路8号', applicant.userId],
      ['basic.mobile', form.basic.mobile, '13700001111', applicant.userId],
    ]);
    // The mobile numbers of the history are stored sealed; the address is not a sealed field.
    expect([history[1]!.oldValue, history[1]!.newValue].every(isSealed)).toBe(true);

    await waitForState(ctx, requestId, 'completed');
    const remote = await nationalVersion(archiveNo, 2);
    expect(remote).toMatchObject({ version: 2, kind: 'change' });
    expect((remote.record.basic as { mobile: string }).mobile).toBe('13700001111');
    expect(
      await ctx.db.nationalSync.findUniqueOrThrow({ where: { idempotencyKey: `contactChange-${requestId}:national-upload` } }),
    ).toMatchObject({ status: 'synced', version: 2 });
    const timeline = await ctx.call('GET', `/requests/${requestId}/timeline`, { token: applicant.token });
    expect(timeline.data.events.map((e: { type: string }) => e.type)).toEqual(['contactChanged', 'uploading', 'completed']);

    // The same values again: nothing to do, no request.
    const same = await ctx.call('PUT', `/people/${person.id}/contact`, { token: applicant.token, json: { mobile: '13700001111' } });
    expect(same.data).toMatchObject({ requestId: null, changed: [], state: 'unchanged' });
    await recordHistory(ctx.temporal, `contactChange-${requestId}`, 'contactChangeRequest--mobile-and-address');
  });

  it('refuses bad input with the rule named, other people, and anyone but the person', async () => {
    const { applicant, person } = await collectedPerson(ctx);
    const bad = await ctx.call('PUT', '/people/me/contact', { token: applicant.token, json: { mobile: '12345' } });
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({
      type: expect.stringMatching(/validation-failed$/),
      violations: [{ path: 'mobile', rule: 'contact.mobile' }],
    });
    expect(bad.data.detail_zh).toContain('手机');
    const empty = await ctx.call('PUT', '/people/me/contact', { token: applicant.token, json: {} });
    expect(empty.status).toBe(400);
    expect(empty.data.violations[0].rule).toBe('contact.empty');
    expect((await ctx.call('PUT', '/people/me/contact', { token: applicant.token, json: { name: '李四' } })).status).toBe(400);
    expect((await ctx.db.person.findUniqueOrThrow({ where: { id: person.id } })).mobileSealed).toBe(person.mobileSealed);

    const other = await signUpApplicant(ctx);
    expect((await ctx.call('PUT', `/people/${person.id}/contact`, { token: other.token, json: { mobile: '13711112222' } })).status).toBe(
      404,
    );
    const res = await ctx.call('PUT', `/people/${person.id}/contact`, { token: reviewer.token, json: { mobile: '13711112222' } });
    expect(res.status).toBe(403);
    expect((await ctx.call('PUT', `/people/${person.id}/contact`, { json: { mobile: '13711112222' } })).status).toBe(401);
  });
});

describe('a record transferred out', () => {
  it('cannot change: neither a reviewed change nor contact details', async () => {
    const { applicant, person } = await collectedPerson(ctx);
    await ctx.db.person.update({
      where: { id: person.id },
      data: { status: 'transferredOut', transferredTo: '130000', transferredAt: new Date() },
    });
    const draft = await ctx.call('POST', '/requests/change', { token: applicant.token });
    expect(draft.status).toBe(409);
    expect(draft.data).toMatchObject({
      type: expect.stringMatching(/record-transferred-out$/),
      detail_zh: expect.stringContaining('调出'),
    });
    const contact = await ctx.call('PUT', '/people/me/contact', { token: applicant.token, json: { mobile: '13722223333' } });
    expect(contact.status).toBe(409);
    // Still readable, by the person.
    expect((await ctx.call('GET', '/people/me/record', { token: applicant.token })).data.status).toBe('transferredOut');
  });

  it('an applicant without a collected record has nothing to change', async () => {
    const nobody = await signUpApplicant(ctx);
    const res = await ctx.call('POST', '/requests/change', { token: nobody.token });
    expect(res.status).toBe(409);
    expect(res.data.type).toMatch(/no-active-record$/);
    expect((await ctx.call('GET', '/people/me/record', { token: nobody.token })).status).toBe(404);
  });
});

describe('the linked record is private', () => {
  it('shows to the person, reviewers of the district and administrators; 404 to anyone else', async () => {
    const { applicant, person, archiveNo } = await collectedPerson(ctx);
    const admin = await signInAdmin(ctx);
    const other = await signUpApplicant(ctx);
    const elsewhere = await signInReviewer(ctx, '110108');
    const get = (token?: string, id = person.id) => ctx.call('GET', `/people/${id}/record`, { token });

    const own = await get(applicant.token);
    expect(own.status).toBe(200);
    expect(own.data).toMatchObject({ personId: person.id, archiveNo, districtCode: '110105', status: 'active' });
    expect(Object.keys(own.data)).toEqual(
      expect.arrayContaining([
        'basic',
        'education',
        'work',
        'qualifications',
        'student',
        'continuingEducation',
        'talents',
        'credits',
        'materials',
        'history',
      ]),
    );
    expect(own.data.materials.map((m: { kind: string }) => m.kind).sort()).toEqual([
      'educationCertificate',
      'idDocument',
      'photo',
      'qualificationCertificate',
      'workProof',
    ]);
    const photo = await ctx.app.request(`/people/${person.id}/materials/photo`, {
      headers: { authorization: `Bearer ${applicant.token}` },
    });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');

    expect((await get(reviewer.token)).status).toBe(200);
    expect((await get(admin.token)).status).toBe(200);
    for (const token of [other.token, elsewhere.token]) {
      const res = await get(token);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect(
      (await ctx.app.request(`/people/${person.id}/materials/photo`, { headers: { authorization: `Bearer ${other.token}` } })).status,
    ).toBe(404);
    expect((await get(applicant.token, 'not-a-uuid')).status).toBe(404);
    expect((await get(undefined)).status).toBe(401);
  });
});
