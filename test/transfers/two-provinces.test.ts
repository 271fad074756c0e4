import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowBundle } from '@temporalio/worker';
import { bundleWorkflows } from '../../worker/create.ts';
import { createTestDb, startStandIn } from '../national/helpers.ts';
import { loadPersonRecord } from '../../records/person-record.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { accountantForm, fillDraft, newPerson, uploadMaterial, waitForState } from '../support/forms.ts';
import { recordHistory } from '../support/histories.ts';
import { validScan } from '../support/jpeg.ts';
import { startProvince, type Province } from '../support/province.ts';

// Beijing (110000) and Hebei (130000): two deployments of this code, each with its own database, task
// queue and worker, talking only through a national-platform stand-in of their own (so its faults
// touch no other test file).
let standIn: Awaited<ReturnType<typeof startStandIn>>;
let standInDb: Awaited<ReturnType<typeof createTestDb>>;
let beijing: Province;
let hebei: Province;
let bundle: WorkflowBundle;

beforeAll(async () => {
  standInDb = await createTestDb();
  standIn = await startStandIn(standInDb.db);
  bundle = await bundleWorkflows();
  [beijing, hebei] = await Promise.all([
    startProvince('110000', { nationalUrl: standIn.url, bundle, env: { DESTINATION_DEADLINE: '3s' } }),
    startProvince('130000', { nationalUrl: standIn.url, bundle }),
  ]);
}, 180_000);
afterAll(async () => {
  await Promise.all([beijing?.close(), hebei?.close()]);
  await standIn?.close();
  await standInDb?.drop();
});

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined as T);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A person collected in a province through its own API: applicant, reviewer approval, national upload. */
async function collected(p: Province, districtCode: string) {
  const applicant = await signUpApplicant(p.ctx);
  const form = accountantForm(newPerson(districtCode));
  const id = await fillDraft(p.ctx, applicant.token, form);
  expect((await p.ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).status).toBe(200);
  const reviewer = await signInReviewer(p.ctx, districtCode);
  expect((await p.ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).status).toBe(200);
  await waitForState(p.ctx, id, 'completed', 60_000);
  return { applicant, form, archiveNo: form.basic.idNumber };
}

/** An applicant's transfer out of Beijing to a Hebei district, submitted and approved by the Beijing district. */
async function transferOutOfBeijing(toDistrict = '130102', prepare?: (archiveNo: string) => Promise<void>) {
  const { applicant, archiveNo, form } = await collected(beijing, '110105');
  await prepare?.(archiveNo);
  const draft = await beijing.ctx.call('POST', '/requests/transfer-out', { token: applicant.token });
  expect(draft.status).toBe(201);
  const id = draft.data.requestId;
  const part = await beijing.ctx.call('PUT', `/requests/${id}/form/transfer`, {
    token: applicant.token,
    json: { toProvince: '130000', toDistrict, reason: '工作调动' },
  });
  expect(part.status).toBe(200);
  expect((await uploadMaterial(beijing.ctx, applicant.token, id, 'transferProof', await validScan('transfer'))).status).toBe(200);
  await beijing.ctx.call('POST', `/requests/${id}/commitment`, { token: applicant.token });
  const submitted = await beijing.ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
  expect(submitted.data).toMatchObject({ kind: 'transferOut', state: 'awaitingReview', districtCode: '110105' });
  const reviewer = await signInReviewer(beijing.ctx, '110105');
  expect(
    (await beijing.ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).data.state,
  ).toBe('approved');
  await waitForState(beijing.ctx, id, 'awaitingDestination', 60_000);
  return { applicant, archiveNo, form, beijingRequestId: id };
}

/** Beijing's administrators add a talent record, a 失信 record and imported continuing education; all reach the platform. */
async function withModules(archiveNo: string) {
  const admin = await signInAdmin(beijing.ctx);
  const person = await beijing.ctx.db.person.findUniqueOrThrow({ where: beijing.ctx.byArchiveNo(archiveNo) });
  const path = `/people/${person.id}`;
  // Each change reaches the platform before the next is made, so each makes its own version.
  const synced = (n: number) =>
    eventually(
      () =>
        beijing.ctx.db.nationalSync.count({ where: { personId: person.id, requestId: { startsWith: 'moduleSync-' }, status: 'synced' } }),
      (c) => c === n,
      'the module changes to reach the platform',
    );
  const year = new Date().getFullYear() - 1;
  expect((await beijing.ctx.call('POST', `${path}/talents`, { token: admin.token, json: { type: 'leading', year: 2020 } })).status).toBe(
    201,
  );
  await synced(1);
  const penalty = {
    kind: 'untrustworthy',
    occurredOn: `${year}-02-01`,
    issuer: '北京市财政局',
    documentNo: `京财监〔${year}〕9号`,
    description: '未按规定保管会计档案，予以警告',
  };
  expect((await beijing.ctx.call('POST', `${path}/credits`, { token: admin.token, json: penalty })).status).toBe(201);
  await synced(2);
  const csv = `档案号,年度,课程,学分,专业科目,培训单位,完成日期\n${archiveNo},${year},内部控制,15,是,北京会计学会,${year}-07-01\n`;
  const imported = await beijing.ctx.call('POST', '/admin/continuing-education/import', {
    token: admin.token,
    body: new TextEncoder().encode(csv) as BodyInit,
    headers: { 'content-type': 'text/csv' },
  });
  expect(imported.data).toMatchObject({ imported: 1 });
  await synced(3);
}

/** A record's modules as compared across provinces: everything but where it is kept. */
async function modulesOf(p: Province, archiveNo: string) {
  const person = await p.ctx.db.person.findUniqueOrThrow({ where: p.ctx.byArchiveNo(archiveNo) });
  const { record } = await loadPersonRecord(p.ctx.db, p.ctx.personalData, person.id);
  const r = record as Record<string, unknown>;
  const sorted = (v: unknown) => [...((v as unknown[]) ?? [])].map((x) => JSON.stringify(x)).sort();
  return {
    basic: r.basic,
    situation: r.situation,
    work: r.work,
    student: r.student,
    education: sorted(r.education),
    qualifications: sorted(r.qualifications),
    continuingEducation: sorted(r.continuingEducation),
    talents: sorted(r.talents),
    credits: sorted(r.credits),
  };
}

/** The request Hebei's district sees for a transfer that arrived. */
async function arrivedInHebei(archiveNo: string) {
  return eventually(
    () => hebei.ctx.db.request.findFirst({ where: { ...hebei.ctx.byArchiveNo(archiveNo), kind: 'transferIn', state: 'awaitingReview' } }),
    (r) => r !== null,
    'the transfer to arrive in Hebei',
  ).then((r) => r!);
}

describe('transfers between two provinces through the national platform', () => {
  it('a person collected in Beijing moves to Hebei: reviewed in Beijing, accepted in Hebei, present there with history, transferred out here', async () => {
    const { applicant, archiveNo, form, beijingRequestId } = await transferOutOfBeijing('130102', withModules);

    const arrived = await arrivedInHebei(archiveNo);
    expect(arrived).toMatchObject({ districtCode: '130102', counterpartProvince: '110000', applicantId: null });
    const hebeiReviewer = await signInReviewer(hebei.ctx, '130102');
    const inbox = await hebei.ctx.call('GET', '/reviews/inbox?pageSize=100', { token: hebeiReviewer.token });
    expect(inbox.data.items.find((i: { requestId: string }) => i.requestId === arrived.id)).toMatchObject({
      kind: 'transferIn',
      name: '张伟',
      received: true,
      origin: { provinceCode: '110000', districtCode: '110105' },
    });

    // Hebei's reviewer sees who arrives: the national record's latest version and the proof Beijing's applicant uploaded.
    const detail = await hebei.ctx.call('GET', `/requests/${arrived.id}`, { token: hebeiReviewer.token });
    expect(detail.status).toBe(200);
    expect(detail.data.submittedAt).not.toBeNull();
    expect(detail.data.form.transfer).toMatchObject({ fromProvince: '110000', idNumber: archiveNo, district: { code: '130102' } });
    expect(detail.data.arriving).toMatchObject({
      source: 'national',
      nationalVersion: 4,
      name: '张伟',
      archiveNo,
      from: { provinceCode: '110000', districtCode: '110105' },
      to: { provinceCode: '130000', districtCode: '130102' },
      work: { unitName: '北京示例科技有限公司' },
      qualifications: [{ level: 'intermediate' }],
      education: [{ level: 'bachelor' }],
    });
    expect(detail.data.materials.map((m: { kind: string }) => m.kind)).toEqual(['transferProof']);
    const proof = await hebei.ctx.app.request(`/requests/${arrived.id}/materials/transferProof`, {
      headers: { authorization: `Bearer ${hebeiReviewer.token}` },
    });
    expect(proof.status).toBe(200);
    expect(Buffer.from(await proof.arrayBuffer()).equals(await validScan('transfer'))).toBe(true);
    // The stored form keeps the numbers sealed, as every form does.
    expect(JSON.stringify(arrived.form)).not.toContain(archiveNo);
    const accepted = await hebei.ctx.call('POST', `/requests/${arrived.id}/review`, {
      token: hebeiReviewer.token,
      json: { outcome: 'accepted' },
    });
    expect(accepted.data.state).toBe('approved');
    await waitForState(hebei.ctx, arrived.id, 'completed', 60_000);

    const inHebei = await hebei.ctx.db.person.findUniqueOrThrow({
      where: hebei.ctx.byArchiveNo(archiveNo),
      include: { history: true, work: true, educations: true, qualifications: true },
    });
    expect(inHebei).toMatchObject({ provinceCode: '130000', districtCode: '130102', status: 'active', name: '张伟' });
    expect(inHebei.educations).toHaveLength(1);
    expect(inHebei.qualifications).toHaveLength(1);
    // The history travels: a row per national version of Beijing's (collection, talent, credit, import), and the transfer.
    expect(inHebei.history.map((h) => h.field).sort()).toEqual([...Array(4).fill('nationalVersion'), 'transferIn']);
    // Every module arrived as Beijing keeps it, the 失信 record included.
    const there = await modulesOf(hebei, archiveNo);
    expect(there).toEqual(await modulesOf(beijing, archiveNo));
    expect(there.talents).toHaveLength(1);
    expect(there.credits.map((c) => JSON.parse(c).kind)).toEqual(['untrustworthy']);
    expect(there.continuingEducation.length).toBeGreaterThan(0);

    const beijingRequest = await waitForState(beijing.ctx, beijingRequestId, 'completed', 60_000);
    expect(beijingRequest.transferId).toBe(arrived.transferId);
    const inBeijing = await beijing.ctx.db.person.findUniqueOrThrow({
      where: beijing.ctx.byArchiveNo(archiveNo),
      include: { history: true },
    });
    expect(inBeijing).toMatchObject({ status: 'transferredOut', transferredTo: '130000' });
    expect(inBeijing.history.find((h) => h.field === 'status')?.newValue).toMatchObject({ status: 'transferredOut', province: '130000' });

    const national = await hebei.national.getRecordVersions(archiveNo);
    expect(national?.province).toBe('130000');
    // The talent, the credit record and the import each made a version in Beijing before the transfer.
    expect(national?.versions.map((v) => [v.version, v.province, v.kind])).toEqual([
      [1, '110000', 'collection'],
      [2, '110000', 'change'],
      [3, '110000', 'change'],
      [4, '110000', 'change'],
      [5, '130000', 'transferImport'],
    ]);

    // The record stays in Beijing, read-only: no new transfer can start from it.
    const again = await beijing.ctx.call('POST', '/requests/transfer-out', { token: applicant.token });
    expect(again.status).toBe(409);
    expect(again.data.type).toMatch(/no-active-record$/);

    // The person signs up in Hebei and reaches the record by real-name claim, with no loop on the way.
    const newcomer = await signUpApplicant(hebei.ctx);
    const me = (method: string, path: string, json?: unknown) => hebei.ctx.call(method, path, { token: newcomer.token, json });
    const none = await me('GET', '/people/me/record');
    expect(none.status).toBe(404);
    expect(none.data.nextStep).toEqual({ step: 'collect' });
    // Collecting what Hebei received already is refused, pointing to the claim.
    // The same person's form (dates follow the birth date), working and kept in Chang'an.
    const changAn = accountantForm(newPerson('130102'));
    const hebeiForm = { ...form, work: { ...changAn.work, startedOn: form.work.startedOn }, district: changAn.district };
    const draftId = await fillDraft(hebei.ctx, newcomer.token, hebeiForm);
    const collect = await me('POST', `/requests/${draftId}/submit`);
    expect(collect.status).toBe(409);
    expect(collect.data).toMatchObject({ type: expect.stringMatching(/already-collected-claim$/), nextStep: { step: 'claim' } });
    expect(collect.data.detail_zh).toContain('认领');
    expect((await me('GET', '/people/me/next-step')).data).toEqual({ step: 'claim' });
    // So is a change, pointing to the same claim.
    const change = await me('POST', '/requests/change');
    expect(change.status).toBe(409);
    expect(change.data).toMatchObject({ type: expect.stringMatching(/no-active-record$/), nextStep: { step: 'claim' } });
    // The numbers or the name do not match: a clear problem, on the fields.
    const wrongName = await me('POST', '/people/me/claim', { idNumber: archiveNo, name: '李四' });
    expect(wrongName.status).toBe(422);
    expect(wrongName.data.type).toMatch(/claim-no-match$/);
    expect(wrongName.data.violations.map((v: { path: string }) => v.path)).toEqual(['idNumber', 'name']);
    const wrongNumber = await me('POST', '/people/me/claim', { idNumber: newPerson('130102').idNumber, name: '张伟' });
    expect(wrongNumber.data.type).toMatch(/claim-no-match$/);
    const claimed = await me('POST', '/people/me/claim', { idNumber: archiveNo.toLowerCase(), name: ' 张伟 ' });
    expect(claimed.status).toBe(200);
    expect(claimed.data).toMatchObject({ personId: inHebei.id, already: false });
    const own = await me('GET', '/people/me/record');
    expect(own.status).toBe(200);
    expect(own.data.personId).toBe(inHebei.id);
    expect((await me('GET', '/people/me/next-step')).data).toEqual({ step: 'change', personId: inHebei.id });
    expect((await me('POST', '/people/me/claim', { idNumber: archiveNo, name: '张伟' })).data.already).toBe(true);
    // The claim is recorded: who and when, in the record's history.
    const claimRow = await hebei.ctx.db.personHistory.findFirstOrThrow({ where: { personId: inHebei.id, field: 'account' } });
    expect(claimRow).toMatchObject({ actorId: newcomer.userId, newValue: { applicantId: newcomer.userId, via: 'realNameClaim' } });
    // One account per person: a second account is refused.
    const other = await signUpApplicant(hebei.ctx);
    const second = await hebei.ctx.call('POST', '/people/me/claim', { token: other.token, json: { idNumber: archiveNo, name: '张伟' } });
    expect(second.status).toBe(409);
    expect(second.data.type).toMatch(/claim-taken$/);
    await recordHistory(beijing.ctx.temporal, `transferOut-${beijingRequestId}`, 'transferOutRequest--accepted');
    await recordHistory(hebei.ctx.temporal, `transferIn-${arrived.id}`, 'receivedTransferRequest--accepted-explicitly');
  });

  it('the destination refuses: the applicant in Beijing sees the reason, and the person stays here', async () => {
    const { applicant, archiveNo, beijingRequestId } = await transferOutOfBeijing();
    const arrived = await arrivedInHebei(archiveNo);
    const hebeiReviewer = await signInReviewer(hebei.ctx, '130102');
    // A refusal names its reason; there is no correction loop for a transfer another province sent.
    const noReason = await hebei.ctx.call('POST', `/requests/${arrived.id}/review`, {
      token: hebeiReviewer.token,
      json: { outcome: 'refused' },
    });
    expect(noReason.status).toBe(400);
    const refused = await hebei.ctx.call('POST', `/requests/${arrived.id}/review`, {
      token: hebeiReviewer.token,
      json: { outcome: 'refused', reason: '调转证明未加盖公章' },
    });
    expect(refused.status).toBe(200);
    expect(refused.data).toMatchObject({ state: 'refused', closedReason: '调转证明未加盖公章' });
    const decided = await hebei.ctx.call('GET', `/requests/${arrived.id}`, { token: hebeiReviewer.token });
    expect(decided.data.reviews).toMatchObject([
      { round: 1, outcome: 'refused', reasons: [{ path: 'transfer', reason: '调转证明未加盖公章' }] },
    ]);

    const closed = await waitForState(beijing.ctx, beijingRequestId, 'refused', 60_000);
    expect(closed.closedReason).toBe('调转证明未加盖公章');
    const timeline = await beijing.ctx.call('GET', `/requests/${beijingRequestId}/timeline`, { token: applicant.token });
    expect(timeline.data.events.at(-1)).toMatchObject({ type: 'refused', reason: '调转证明未加盖公章' });
    expect(await beijing.ctx.db.person.findUniqueOrThrow({ where: beijing.ctx.byArchiveNo(archiveNo) })).toMatchObject({
      status: 'active',
      provinceCode: '110000',
    });
    expect(await hebei.ctx.db.person.findUnique({ where: hebei.ctx.byArchiveNo(archiveNo) })).toBeNull();
    expect((await hebei.national.getRecord(archiveNo))?.province).toBe('110000');
    await recordHistory(beijing.ctx.temporal, `transferOut-${beijingRequestId}`, 'transferOutRequest--refused');
    await eventually(
      () => hebei.ctx.temporal.workflow.getHandle(`transferIn-${arrived.id}`).describe(),
      (d) => d.status.name === 'COMPLETED',
      'the Hebei workflow to end',
    );
    await recordHistory(hebei.ctx.temporal, `transferIn-${arrived.id}`, 'receivedTransferRequest--refused-with-reason');
  });

  it('a refusal sent as earlier clients sent it (returned, with reasons) still refuses, with the reasons as its reason', async () => {
    const { beijingRequestId, archiveNo } = await transferOutOfBeijing();
    const arrived = await arrivedInHebei(archiveNo);
    const hebeiReviewer = await signInReviewer(hebei.ctx, '130102');
    const refused = await hebei.ctx.call('POST', `/requests/${arrived.id}/review`, {
      token: hebeiReviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'material', path: 'materials.transferProof', reason: '调转证明不清晰' }] },
    });
    expect(refused.status).toBe(200);
    await waitForState(hebei.ctx, arrived.id, 'refused', 60_000);
    expect((await waitForState(beijing.ctx, beijingRequestId, 'refused', 60_000)).closedReason).toBe('调转证明不清晰');
  });

  it('the destination stays silent past the deadline: flagged overdue and reminded, still waiting, nothing moved', async () => {
    const { archiveNo, beijingRequestId } = await transferOutOfBeijing();
    await arrivedInHebei(archiveNo);
    const flagged = await eventually(
      () => beijing.ctx.db.request.findUniqueOrThrow({ where: { id: beijingRequestId } }),
      (r) => r.overdue,
      'the overdue flag',
    );
    expect(flagged.state).toBe('awaitingDestination');
    const events = await beijing.ctx.db.requestEvent.findMany({ where: { requestId: beijingRequestId }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.type)).toContain('destinationOverdue');
    const described = await beijing.ctx.temporal.workflow.getHandle(`transferOut-${beijingRequestId}`).describe();
    expect(described.searchAttributes).toMatchObject({ RequestState: ['awaitingDestination'], ReviewOverdue: [true] });
    expect(await beijing.ctx.db.person.findUniqueOrThrow({ where: beijing.ctx.byArchiveNo(archiveNo) })).toMatchObject({
      status: 'active',
    });

    // A late answer still completes it.
    const arrived = await arrivedInHebei(archiveNo);
    const hebeiReviewer = await signInReviewer(hebei.ctx, '130102');
    await hebei.ctx.call('POST', `/requests/${arrived.id}/review`, { token: hebeiReviewer.token, json: { outcome: 'approved' } });
    await waitForState(beijing.ctx, beijingRequestId, 'completed', 60_000);
  });

  it('completes exactly once on both sides when the platform fails 30 % of calls and answers slowly', async () => {
    await fetch(`${standIn.url}/admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failRate: 0.3, latencyMs: 150 }),
    });
    try {
      const { archiveNo, beijingRequestId } = await transferOutOfBeijing();
      const arrived = await arrivedInHebei(archiveNo);
      const hebeiReviewer = await signInReviewer(hebei.ctx, '130102');
      await hebei.ctx.call('POST', `/requests/${arrived.id}/review`, { token: hebeiReviewer.token, json: { outcome: 'approved' } });
      await waitForState(hebei.ctx, arrived.id, 'completed', 90_000);
      await waitForState(beijing.ctx, beijingRequestId, 'completed', 90_000);

      expect(await hebei.ctx.db.request.count({ where: { ...hebei.ctx.byArchiveNo(archiveNo), kind: 'transferIn' } })).toBe(1);
      expect(await hebei.ctx.db.person.count({ where: hebei.ctx.byArchiveNo(archiveNo) })).toBe(1);
      expect(await hebei.ctx.db.personHistory.count({ where: { person: hebei.ctx.byArchiveNo(archiveNo), field: 'transferIn' } })).toBe(1);
      expect(await beijing.ctx.db.personHistory.count({ where: { person: beijing.ctx.byArchiveNo(archiveNo), field: 'status' } })).toBe(1);
      await fetch(`${standIn.url}/admin/faults`, { method: 'DELETE' });
      const versions = await hebei.national.getRecordVersions(archiveNo);
      expect(versions?.versions.map((v) => [v.version, v.kind])).toEqual([
        [1, 'collection'],
        [2, 'transferImport'],
      ]);
    } finally {
      await fetch(`${standIn.url}/admin/faults`, { method: 'DELETE' });
    }
  }, 180_000);

  it('the reverse direction: a person collected in Hebei applies in Beijing to transfer in', async () => {
    const { archiveNo } = await collected(hebei, '130102');
    const applicant = await signUpApplicant(beijing.ctx);
    const draft = await beijing.ctx.call('POST', '/requests/transfer-in', { token: applicant.token });
    const id = draft.data.requestId;
    const part = await beijing.ctx.call('PUT', `/requests/${id}/form/transfer`, {
      token: applicant.token,
      json: {
        fromProvince: '130000',
        idType: 'mainlandId',
        idNumber: archiveNo,
        nationality: 'CHN',
        district: { code: '110108', basis: 'workUnit' },
      },
    });
    expect(part.status).toBe(200);
    expect((await uploadMaterial(beijing.ctx, applicant.token, id, 'transferProof', await validScan('proof'))).status).toBe(200);
    await beijing.ctx.call('POST', `/requests/${id}/commitment`, { token: applicant.token });
    const submitted = await beijing.ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(submitted.data).toMatchObject({ kind: 'transferIn', state: 'awaitingReview', districtCode: '110108' });
    const reviewer = await signInReviewer(beijing.ctx, '110108');
    // Applied for here, the record still in Hebei: the reviewer sees it as the platform keeps it now.
    const detail = await beijing.ctx.call('GET', `/requests/${id}`, { token: reviewer.token });
    expect(detail.data).toMatchObject({
      received: false,
      arriving: {
        source: 'national',
        nationalVersion: 1,
        name: '张伟',
        archiveNo,
        from: { provinceCode: '130000', districtCode: '130102' },
        to: { provinceCode: '110000', districtCode: '110108' },
      },
    });
    // The applicant can correct it: accepted / refused are not for it.
    const notForIt = await beijing.ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: { outcome: 'refused', reason: '不适用' },
    });
    expect(notForIt.data.type).toMatch(/decision-not-applicable$/);
    expect(
      (await beijing.ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).data.state,
    ).toBe('approved');
    await waitForState(beijing.ctx, id, 'completed', 60_000);

    const here = await beijing.ctx.db.person.findUniqueOrThrow({ where: beijing.ctx.byArchiveNo(archiveNo), include: { history: true } });
    expect(here).toMatchObject({ provinceCode: '110000', districtCode: '110108', status: 'active' });
    expect(here.history.some((h) => h.field === 'transferIn')).toBe(true);
    // The account that applied for the transfer in reads the imported record as its own.
    const own = await beijing.ctx.call('GET', '/people/me/record', { token: applicant.token });
    expect(own.status).toBe(200);
    expect(own.data.personId).toBe(here.id);
    expect((await beijing.ctx.call('GET', '/people/me/next-step', { token: applicant.token })).data).toEqual({
      step: 'change',
      personId: here.id,
    });
    const there = await eventually(
      () => hebei.ctx.db.person.findUniqueOrThrow({ where: hebei.ctx.byArchiveNo(archiveNo) }),
      (p) => p.status === 'transferredOut',
      'Hebei to be told',
    );
    expect(there.transferredTo).toBe('110000');
    expect((await beijing.national.getRecord(archiveNo))?.province).toBe('110000');
    await recordHistory(beijing.ctx.temporal, `transferIn-${id}`, 'transferInRequest--pulled');
  });
});

describe('district move within the province (省内调转)', () => {
  it('is reviewed by the receiving district; the record moves with a history row and a new national version', async () => {
    const { applicant, form, archiveNo } = await collected(beijing, '110105');
    const draft = await beijing.ctx.call('POST', '/requests/district-move', { token: applicant.token });
    const id = draft.data.requestId;
    // The work unit moved to Haidian: the move carries it (test/transfers/district-move.test.ts has the rule).
    const saved = await beijing.ctx.call('PUT', `/requests/${id}/form/move`, {
      token: applicant.token,
      json: { district: { code: '110108', basis: 'workUnit' }, work: { ...form.work, unitDistrict: '110108' } },
    });
    expect(saved.status).toBe(200);
    await uploadMaterial(beijing.ctx, applicant.token, id, 'transferProof', await validScan('move'));
    await uploadMaterial(beijing.ctx, applicant.token, id, 'workProof', await validScan('move-work'));
    await beijing.ctx.call('POST', `/requests/${id}/commitment`, { token: applicant.token });
    expect((await beijing.ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).data).toMatchObject({
      state: 'awaitingReview',
      districtCode: '110108',
    });

    // While it is open, no other request of the person can start.
    const out = await beijing.ctx.call('POST', '/requests/transfer-out', { token: applicant.token });
    await beijing.ctx.call('PUT', `/requests/${out.data.requestId}/form/transfer`, {
      token: applicant.token,
      json: { toProvince: '130000', toDistrict: '130102' },
    });
    await uploadMaterial(beijing.ctx, applicant.token, out.data.requestId, 'transferProof', await validScan('out'));
    await beijing.ctx.call('POST', `/requests/${out.data.requestId}/commitment`, { token: applicant.token });
    const blocked = await beijing.ctx.call('POST', `/requests/${out.data.requestId}/submit`, { token: applicant.token });
    expect(blocked.status).toBe(409);
    expect(blocked.data).toMatchObject({ type: expect.stringMatching(/transfer-open$/), openRequestId: id });

    // The old district does not see the move (it is the destination's to review): to it the request does not exist.
    const oldDistrict = await signInReviewer(beijing.ctx, '110105');
    expect(
      (await beijing.ctx.call('POST', `/requests/${id}/review`, { token: oldDistrict.token, json: { outcome: 'approved' } })).status,
    ).toBe(404);
    const receiving = await signInReviewer(beijing.ctx, '110108');

    // The receiving district sees who arrives, from the record here, and may read that record while the move is open.
    const detail = await beijing.ctx.call('GET', `/requests/${id}`, { token: receiving.token });
    expect(detail.status).toBe(200);
    const person = await beijing.ctx.db.person.findUniqueOrThrow({ where: beijing.ctx.byArchiveNo(archiveNo) });
    expect(detail.data.arriving).toMatchObject({
      source: 'record',
      personId: person.id,
      name: '张伟',
      archiveNo,
      from: { provinceCode: '110000', districtCode: '110105' },
      to: { provinceCode: '110000', districtCode: '110108' },
      work: { unitName: '北京示例科技有限公司' },
      qualifications: [{ level: 'intermediate' }],
      education: [{ level: 'bachelor' }],
      creditWarnings: [],
    });
    expect(detail.data.arriving.continuingEducation).toHaveLength(3);
    expect(detail.data.materials.map((m: { kind: string }) => m.kind).sort()).toEqual(['transferProof', 'workProof']);
    const log = await beijing.ctx.db.accessLog.findFirst({
      where: { userId: receiving.userId, requestId: id, resource: 'request.detail' },
    });
    expect(log).not.toBeNull();
    const record = await beijing.ctx.call('GET', `/people/${person.id}/record`, { token: receiving.token });
    expect(record.status).toBe(200);
    expect(record.data).toMatchObject({ archiveNo, districtCode: '110105' });
    expect(
      await beijing.ctx.db.accessLog.count({ where: { userId: receiving.userId, personId: person.id, resource: 'person.record' } }),
    ).toBe(1);
    const elsewhere = await signInReviewer(beijing.ctx, '110101');
    expect((await beijing.ctx.call('GET', `/people/${person.id}/record`, { token: elsewhere.token })).status).toBe(404);
    const listed = await beijing.ctx.call('GET', '/reviews/inbox?pageSize=100&kind=districtMove', { token: receiving.token });
    expect(listed.data.items.find((i: { requestId: string }) => i.requestId === id)).toMatchObject({
      name: '张伟',
      origin: { provinceCode: '110000', districtCode: '110105' },
    });

    // The applicant can correct a move, so it is approved or returned, not accepted or refused.
    const notForIt = await beijing.ctx.call('POST', `/requests/${id}/review`, { token: receiving.token, json: { outcome: 'accepted' } });
    expect(notForIt.status).toBe(422);
    expect(notForIt.data.type).toMatch(/decision-not-applicable$/);
    expect(
      (await beijing.ctx.call('POST', `/requests/${id}/review`, { token: receiving.token, json: { outcome: 'approved' } })).data.state,
    ).toBe('approved');
    await waitForState(beijing.ctx, id, 'completed', 60_000);

    const moved = await beijing.ctx.db.person.findUniqueOrThrow({
      where: beijing.ctx.byArchiveNo(archiveNo),
      include: { history: { where: { requestId: id } } },
    });
    expect(moved.districtCode).toBe('110108');
    expect(moved.history.find((h) => h.field === 'district')).toMatchObject({ oldValue: { code: '110105' }, newValue: { code: '110108' } });
    expect(moved.history.map((h) => h.field).sort()).toEqual(['district', 'work.unitDistrict']);
    expect((await beijing.national.getRecord(archiveNo))?.version).toBe(2);
    await recordHistory(beijing.ctx.temporal, `districtMove-${id}`, 'districtMoveRequest--approved');
  });
});
