import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSealed } from '../../clients/personal-data.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, newPerson, uploadMaterial, waitForState } from '../support/forms.ts';
import { validScan } from '../support/jpeg.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx?.close());

/** Every row of every table of the database, as PostgreSQL prints a row (`(…,…)`), one line each. */
async function dumpAllTables(): Promise<{ tables: string[]; text: string }> {
  const tables = (
    await ctx.db.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`
  ).map((t) => t.name);
  const lines: string[] = [];
  for (const t of tables) {
    const rows = await ctx.db.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${t.replace(/"/g, '""')}" t`);
    for (const r of rows) lines.push(`${t} ${r.row}`);
  }
  return { tables, text: lines.join('\n') };
}

const mobileNumber = () => `137${String(randomInt(1e8)).padStart(8, '0')}`;

describe('ID and mobile numbers at rest', () => {
  it('are never stored in plain text, while the API returns them to those entitled and finds the person by the whole number', async () => {
    // A person collected through the API (draft, materials, submit, district approval, record, national upload).
    const { applicant, form, person, archiveNo, collectionId } = await collectedPerson(ctx);
    const oldMobile = form.basic.mobile;

    // A contact change (no review): a request with the new number, history rows with the old and new numbers.
    const newMobile = mobileNumber();
    const contact = await ctx.call('PUT', '/people/me/contact', { token: applicant.token, json: { mobile: newMobile } });
    expect(contact.status).toBe(200);
    expect(contact.data.contact.mobile).toBe(newMobile);
    await waitForState(ctx, contact.data.requestId, 'completed');

    // A change draft holding the basic part (ID and mobile numbers in the request's form).
    const change = await ctx.call('POST', '/requests/change', { token: applicant.token });
    expect(change.status).toBe(201);
    const changeId: string = change.data.requestId;
    expect(
      (
        await ctx.call('PUT', `/requests/${changeId}/form/basic`, {
          token: applicant.token,
          json: { ...form.basic, mobile: newMobile, name: '张维' },
        })
      ).status,
    ).toBe(200);

    // A transfer in applied for here, naming a number collected elsewhere.
    const mover = await signUpApplicant(ctx);
    const inNumber = newPerson('130102').idNumber;
    const transferIn = await ctx.call('POST', '/requests/transfer-in', { token: mover.token });
    const transferInId: string = transferIn.data.requestId;
    const transferPart = {
      fromProvince: '130000',
      idType: 'mainlandId',
      idNumber: inNumber,
      nationality: 'CHN',
      district: { code: '110108', basis: 'workUnit' },
    };
    expect((await ctx.call('PUT', `/requests/${transferInId}/form/transfer`, { token: mover.token, json: transferPart })).status).toBe(200);
    expect((await uploadMaterial(ctx, mover.token, transferInId, 'transferProof', await validScan('transferProof'))).status).toBe(200);

    // Another collection, submitted and waiting for review: its number is in the request only.
    const waiting = await signUpApplicant(ctx);
    const waitingForm = accountantForm(newPerson('110108'));
    const waitingId = await fillDraft(ctx, waiting.token, waitingForm);
    expect((await ctx.call('POST', `/requests/${waitingId}/submit`, { token: waiting.token })).status).toBe(200);

    const secrets = {
      archiveNo,
      oldMobile,
      newMobile,
      inNumber,
      waitingNumber: waitingForm.basic.idNumber,
      waitingMobile: waitingForm.basic.mobile,
    };

    // --- the raw rows ---
    const [personRow] = await ctx.db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Person" WHERE id = ${person.id}`;
    expect(personRow).not.toHaveProperty('archiveNo');
    expect(personRow).not.toHaveProperty('mobile');
    expect(isSealed(personRow!.archiveNoSealed)).toBe(true);
    expect(isSealed(personRow!.mobileSealed)).toBe(true);
    expect(personRow!.archiveNoHash).toBe(ctx.personalData.lookup('idNumber', archiveNo));
    expect(personRow!.archiveNoPrefix).toBe(archiveNo.slice(0, 6));

    const ours = [collectionId, contact.data.requestId, changeId, transferInId, waitingId];
    const requests = await ctx.db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Request" WHERE id = ANY(${ours})`;
    expect(requests).toHaveLength(5);
    const collection = requests.find((r) => r.id === collectionId)!;
    expect(collection).not.toHaveProperty('archiveNo');
    expect(collection.archiveNoHash).toBe(personRow!.archiveNoHash);
    expect(isSealed(collection.archiveNoSealed)).toBe(true);
    expect(isSealed((collection.form as { basic: { idNumber: unknown } }).basic.idNumber)).toBe(true);
    const open = requests.find((r) => r.id === waitingId)!;
    expect(open.openKey).toBe(`collection:${ctx.personalData.lookup('idNumber', waitingForm.basic.idNumber)}`);

    const history = await ctx.db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "PersonHistory" WHERE "personId" = ${person.id}`;
    expect(history.map((h) => h.field)).toEqual(expect.arrayContaining(['basic', 'basic.mobile']));
    const events = await ctx.db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "RequestEvent" WHERE "requestId" = ANY(${ours})`;
    expect(events.length).toBeGreaterThan(5);

    const rowsText = JSON.stringify({ personRow, requests, history, events });
    const { tables, text } = await dumpAllTables();
    expect(tables).toEqual(
      expect.arrayContaining(['Person', 'Request', 'PersonHistory', 'RequestEvent', 'NationalSync', 'AccessLog', 'User']),
    );
    // The dump holds these requests and this person (it reads what it should), in sealed form.
    for (const id of [...ours, person.id, String(personRow!.archiveNoHash), String(personRow!.mobileSealed)]) expect(text).toContain(id);
    for (const [what, secret] of Object.entries(secrets)) {
      expect(rowsText.includes(secret), `${what} in the rows of Person, Request, PersonHistory or RequestEvent`).toBe(false);
      expect(text.includes(secret), `${what} somewhere in the database`).toBe(false);
    }

    // --- what the API gives back, to those entitled to it ---
    const record = await ctx.call('GET', '/people/me/record', { token: applicant.token });
    expect(record.status).toBe(200);
    expect(record.data).toMatchObject({ personId: person.id, archiveNo, basic: { mobile: newMobile } });
    const apiHistory = record.data.history as { field: string; oldValue: any; newValue: any }[];
    expect(apiHistory.find((h) => h.field === 'basic')?.newValue).toMatchObject({ idNumber: archiveNo, mobile: oldMobile });
    expect(apiHistory.find((h) => h.field === 'basic.mobile')).toMatchObject({ oldValue: oldMobile, newValue: newMobile });

    const collected = await ctx.call('GET', `/requests/${collectionId}`, { token: applicant.token });
    expect(collected.data.form.basic).toMatchObject({ idNumber: archiveNo, mobile: oldMobile });
    expect((await ctx.call('GET', `/requests/${changeId}`, { token: applicant.token })).data.form.basic).toMatchObject({
      idNumber: archiveNo,
      mobile: newMobile,
      name: '张维',
    });
    expect((await ctx.call('GET', `/requests/${transferInId}`, { token: mover.token })).data.form.transfer).toEqual(transferPart);

    // The district's reviewer reads the waiting request in full; staff lists stay masked.
    const reviewer = await signInReviewer(ctx, '110108');
    expect((await ctx.call('GET', `/requests/${waitingId}`, { token: reviewer.token })).data.form.basic).toMatchObject({
      idNumber: waitingForm.basic.idNumber,
      mobile: waitingForm.basic.mobile,
    });
    const admin = await signInAdmin(ctx);
    const found = await ctx.call('GET', `/people?archiveNo=${archiveNo}`, { token: admin.token });
    expect(found.status).toBe(200);
    expect(found.data.total).toBe(1);
    expect(found.data.items[0]).toMatchObject({ personId: person.id, archiveNo: `${archiveNo.slice(0, 6)}********${archiveNo.slice(-4)}` });
    expect(found.data.items[0].mobile).toBe(`${newMobile.slice(0, 3)}****${newMobile.slice(-4)}`);
    expect(JSON.stringify(found.data.items)).not.toContain(newMobile);
    // By the area of issue: every page of it (the run keeps many a 张伟 of that area), this person on one of them.
    const byArea: string[] = [];
    for (let page = 1; ; page++) {
      const res = await ctx.call(
        'GET',
        `/people?archiveNo=${archiveNo.slice(0, 6)}&name=${encodeURIComponent('张伟')}&pageSize=100&page=${page}`,
        {
          token: admin.token,
        },
      );
      expect(res.status).toBe(200);
      byArea.push(...res.data.items.map((i: { personId: string }) => i.personId));
      if (res.data.items.length < 100) break;
    }
    expect(byArea).toContain(person.id);
  });

  it('keeps one person per ID number through the hash: a second collection of the same number is refused', async () => {
    const { person, form } = await collectedPerson(ctx);

    // Once collected: another applicant's collection of the same number is refused at submit.
    const again = await signUpApplicant(ctx);
    const againId = await fillDraft(ctx, again.token, form);
    const refused = await ctx.call('POST', `/requests/${againId}/submit`, { token: again.token });
    expect(refused.status).toBe(409);
    expect(refused.data.type).toMatch(/already-collected$/);

    // While one is open: a second open collection of the same number is refused by the open key.
    const first = await signUpApplicant(ctx);
    const second = await signUpApplicant(ctx);
    const pending = accountantForm(newPerson('110105'));
    expect((await ctx.call('POST', `/requests/${await fillDraft(ctx, first.token, pending)}/submit`, { token: first.token })).status).toBe(
      200,
    );
    const twin = await ctx.call('POST', `/requests/${await fillDraft(ctx, second.token, pending)}/submit`, { token: second.token });
    expect(twin.status).toBe(409);
    expect(twin.data.type).toMatch(/request-already-open$/);

    // And the database itself: a second row with the same number (sealed afresh, so another text) has the same hash.
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = person;
    await expect(
      ctx.db.person.create({
        data: { ...copy, archiveNoSealed: ctx.personalData.seal('idNumber', form.basic.idNumber), applicantId: again.userId },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
    expect(await ctx.db.person.count({ where: ctx.byArchiveNo(form.basic.idNumber) })).toBe(1);
  });
});
