import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createLogger } from '../../clients/log.ts';
import { smtpChannel } from '../../clients/mail.ts';
import { isSealed, personalDataFromEnv } from '../../clients/personal-data.ts';
import { recordingSmsChannel } from '../../clients/sms.ts';
import { makeUscc } from '../../domain/uscc.ts';
import { createNationalClient } from '../../national/client.ts';
import { newDeployment, prepareDeployment, removeDeployment, type Deployment } from '../../tools/lib/deployment.ts';
import { bundleWorkflows, createWorker } from '../../worker/create.ts';
import { startDelivery } from '../../worker/deliver-notifications.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, newPerson, waitForState } from '../support/forms.ts';
import { recordHistory } from '../support/histories.ts';
import { freePort, waitFor } from '../support/ports.ts';

/**
 * The applicant of a returned request is reminded before its correction deadline, the employer unit its form names is
 * told of the return, and the SMS channel delivers what is worth a text to the person's mobile. On a database of this
 * file's own, with its own worker (SMS on) and delivery loop: no other file's delivery loop takes these deliveries.
 * The deadlines are shortened by configuration, as an operator sets CORRECTION_DEADLINE / CORRECTION_REMINDER:
 * the reminder falls 4 s after the return, the deadline 10 s after it.
 */
const X = '110105';
let d: Deployment;
let ctx: TestContext;
let worker: Worker;
let connection: NativeConnection;
let running: Promise<void>;
let mailpit: ChildProcess;
let mailApi: string;
let mail: ReturnType<typeof smtpChannel>;
let delivery: { stop(): Promise<void> };
const gateway = recordingSmsChannel();
const MAILPIT_BIN =
  process.env.MAILPIT_BIN ??
  [new URL('../../.data/bin/mailpit', import.meta.url).pathname, `${homedir()}/go/bin/mailpit`].find((p) => existsSync(p)) ??
  'mailpit';

beforeAll(async () => {
  d = newDeployment('reminders', { temporalAddress: inject('run').temporalAddress });
  await prepareDeployment(d);
  ctx = await testContext({
    DATABASE_URL: d.databaseUrl,
    TEMPORAL_TASK_QUEUE: d.taskQueue,
    MINIO_BUCKET: d.bucket,
    STORAGE_PREFIX: d.storagePrefix,
    CORRECTION_DEADLINE: '10s',
    CORRECTION_REMINDER: '6s',
  });
  const log = createLogger('silent', 'worker');
  ({ worker, connection } = await createWorker({
    address: ctx.run.temporalAddress,
    namespace: 'default',
    taskQueue: d.taskQueue,
    bundle: await bundleWorkflows(),
    shutdownSignals: [],
    activities: createActivities({
      db: ctx.db,
      storage: ctx.storage,
      log,
      national: createNationalClient({ baseUrl: ctx.run.nationalUrl, province: ctx.run.provinceCode }),
      personalData: personalDataFromEnv(ctx.env),
      provinceCode: ctx.run.provinceCode,
      smsNotifications: true,
    }),
  }));
  running = worker.run();
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  mailpit = spawn(MAILPIT_BIN, ['--smtp', `127.0.0.1:${smtpPort}`, '--listen', `127.0.0.1:${httpPort}`, '--quiet'], { stdio: 'ignore' });
  mailApi = `http://127.0.0.1:${httpPort}`;
  await waitFor(async () => (await fetch(`${mailApi}/livez`).catch(() => null))?.ok === true, 'Mailpit', 30_000);
  mail = smtpChannel({ host: '127.0.0.1', port: smtpPort, from: 'noreply@accounting.example' });
  delivery = startDelivery({ db: ctx.db, log, personalData: personalDataFromEnv(ctx.env), channels: { email: mail, sms: gateway } }, 200);
}, 180_000);

afterAll(async () => {
  await delivery?.stop();
  mail?.close();
  mailpit?.kill();
  worker?.shutdown();
  await running;
  await connection?.close();
  await ctx?.close();
  if (d) await removeDeployment(d);
});

type Item = { id: string; requestId: string; type: string; subject: { zh: string }; body: { zh: string; en: string }; dueAt?: string };
const inbox = async (token: string) => {
  const res = await ctx.call('GET', '/notifications', { token });
  expect(res.status, JSON.stringify(res.data)).toBe(200);
  return res.data as { unread: number; items: (Item & { reasons?: { path: string; reason: string }[] })[] };
};
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const mails = async (to: string) => {
  const body = (await (await fetch(`${mailApi}/api/v1/messages?limit=500`)).json()) as {
    messages: { ID: string; MessageID: string; Subject: string; To: { Address: string }[] }[];
  };
  return body.messages.filter((m) => m.To.some((t) => t.Address === to));
};
const reasons = [{ target: 'field', path: 'basic.address', reason: '请填写门牌号' }];

describe('the correction-deadline reminder, the unit told of a return, and SMS', () => {
  it('reminds the applicant of a returned request before its deadline, once, in-app, by email and by SMS', async () => {
    const applicant = await signUpApplicant(ctx);
    const reviewer = await signInReviewer(ctx, X);
    const form = accountantForm();
    form.basic.email = `reminded-${randomBytes(3).toString('hex')}@example.com`;
    const id = await fillDraft(ctx, applicant.token, form);
    expect((await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).status).toBe(200);
    const returned = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'returned', reasons } });
    expect(returned.status, JSON.stringify(returned.data)).toBe(200);
    const dueAt = returned.data.correctionDueAt as string;
    const returnedAt = Date.now();

    const told = await until(
      () => inbox(applicant.token),
      (b) => b.items.some((n) => n.requestId === id && n.type === 'correctionReminder'),
      'the reminder',
    );
    // 6 s before a deadline 10 s after the return: about 4 s after it, not at once, not at the deadline.
    expect(Date.now() - returnedAt).toBeGreaterThan(2_500);
    expect(Date.now()).toBeLessThan(Date.parse(dueAt));
    expect(told.items.map((n) => n.type)).toEqual(['correctionReminder', 'returned']);
    expect(told.items[0]).toMatchObject({
      subject: { zh: '退回修改的申请即将到期', en: 'Your returned request is due soon' },
      dueAt,
      reasons,
    });
    expect(told.items[0]!.body.zh).toContain(dueAt.slice(0, 10));
    expect(await ctx.db.request.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: 'returned' });
    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'returned', 'correctionReminder']);

    // Resubmitted in time: the request goes on, and no second reminder comes.
    expect((await ctx.call('POST', `/requests/${id}/resubmit`, { token: applicant.token })).status).toBe(200);
    expect((await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).status).toBe(200);
    await waitForState(ctx, id, 'completed', 60_000);
    expect((await inbox(applicant.token)).items.map((n) => n.type)).toEqual(['completed', 'approved', 'correctionReminder', 'returned']);

    // Emailed, once each, to the form's address.
    const sent = await until(
      () => mails(form.basic.email),
      (m) => m.length === 4,
      'four emails',
    );
    expect(sent.filter((m) => m.Subject.startsWith('退回修改的申请即将到期')).length).toBe(1);

    // By SMS: the return, the reminder, the approval and the completion, once each, to the mobile number opened by the
    // delivery loop; the outbox holds it sealed only.
    const texts = await until(
      async () => gateway.sent.filter((m) => m.to === form.basic.mobile),
      (m) => m.length === 4,
      'four SMS',
    );
    const byId = new Map((await ctx.db.notification.findMany({ where: { requestId: id } })).map((n) => [n.id, n.type]));
    expect(texts.map((m) => byId.get(m.id)).sort()).toEqual(['approved', 'completed', 'correctionReminder', 'returned']);
    const smsRows = await ctx.db.notificationDelivery.findMany({ where: { notificationId: { in: [...byId.keys()] }, channel: 'sms' } });
    expect(smsRows.length).toBe(4);
    for (const r of smsRows) {
      expect(isSealed(r.address)).toBe(true);
      expect(r.address).not.toContain(form.basic.mobile);
      expect(r).toMatchObject({ attempts: 1, lastError: null });
      expect(r.deliveredAt).not.toBeNull();
    }
    // Reviewers are told in-app (and by email) only.
    const reviewerIds = (await ctx.db.notification.findMany({ where: { requestId: id, recipientId: reviewer.userId } })).map((n) => n.id);
    expect(reviewerIds.length).toBe(2);
    expect(await ctx.db.notificationDelivery.count({ where: { notificationId: { in: reviewerIds }, channel: 'sms' } })).toBe(0);
    await recordHistory(ctx.temporal, `collection-${id}`, 'collectionRequest--reminded-then-resubmitted');
  }, 120_000);

  it('tells the confirmed unit its form names of a return, with the reasons, in-app and by email; no reminder once resubmitted', async () => {
    const admin = await signInAdmin(ctx);
    const reviewer = await signInReviewer(ctx, X);
    const code = makeUscc({ areaCode: X, orgCode: String(10_000_000 + (randomBytes(4).readUInt32BE() % 90_000_000)) });
    const username = `unit-${randomBytes(4).toString('hex')}`;
    const password = 'unit contact passphrase 7';
    const unitEmail = `${username}@unit.example.com`;
    const registered = await ctx.call('POST', '/units/register', {
      json: {
        creditCode: code,
        name: '北京通知测试有限公司',
        districtCode: X,
        contactName: '王经办',
        phone: '010-66668888',
        email: unitEmail,
        username,
        password,
      },
    });
    expect(registered.status, JSON.stringify(registered.data)).toBe(201);
    expect(registered.data.email).toBe(unitEmail);
    expect((await ctx.call('POST', `/units/${registered.data.id}/confirm`, { token: admin.token })).status).toBe(200);
    const unitToken = (await ctx.call('POST', '/auth/login', { json: { username, password } })).data.token as string;

    const applicant = await signUpApplicant(ctx);
    const form = accountantForm(newPerson(X));
    form.work.unitCreditCode = code;
    const id = await fillDraft(ctx, applicant.token, form);
    expect((await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).status).toBe(200);
    // A submission is nothing the unit needs to hear of.
    expect((await inbox(unitToken)).items).toEqual([]);
    const returned = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'returned', reasons } });
    expect(returned.status).toBe(200);
    // Resubmitted at once: the reminder that would have come 4 s later does not.
    expect((await ctx.call('POST', `/requests/${id}/resubmit`, { token: applicant.token })).status).toBe(200);

    const unitInbox = await inbox(unitToken);
    expect(unitInbox.items).toEqual([
      expect.objectContaining({
        requestId: id,
        type: 'returned',
        subject: { zh: '本单位会计人员的申请被退回修改', en: "An accountant's request was returned for correction" },
        reasons,
        readAt: null,
      }),
    ]);
    // The accountant is named masked, as the unit sees its accountants; never the full name.
    expect(unitInbox.items[0]!.body.zh).toContain('张*');
    expect(unitInbox.items[0]!.body.zh).not.toContain('张伟');
    const unitMail = await until(
      () => mails(unitEmail),
      (m) => m.length === 1,
      "the unit's email",
    );
    expect(unitMail[0]!.Subject).toBe("本单位会计人员的申请被退回修改 / An accountant's request was returned for correction");
    const text = await (await fetch(`${mailApi}/api/v1/message/${unitMail[0]!.ID}`)).json();
    expect(text.Text).toContain('basic.address: 请填写门牌号');
    // The unit gets no SMS; the applicant's own messages are theirs.
    const unitRow = await ctx.db.notification.findUniqueOrThrow({ where: { id: unitInbox.items[0]!.id } });
    expect(await ctx.db.notificationDelivery.findMany({ where: { notificationId: unitRow.id } })).toEqual([
      expect.objectContaining({ channel: 'email', address: unitEmail }),
    ]);
    expect((await inbox(applicant.token)).items.map((n) => n.type)).toEqual(['returned']);

    await new Promise((r) => setTimeout(r, 6_000));
    expect((await inbox(applicant.token)).items.map((n) => n.type)).toEqual(['returned']);
    expect(await ctx.db.requestEvent.count({ where: { requestId: id, type: 'correctionReminder' } })).toBe(0);

    // A unit not confirmed, or another unit, hears nothing.
    const other = await signUpApplicant(ctx);
    const otherForm = accountantForm(newPerson(X));
    const otherId = await fillDraft(ctx, other.token, otherForm);
    expect((await ctx.call('POST', `/requests/${otherId}/submit`, { token: other.token })).status).toBe(200);
    expect(
      (await ctx.call('POST', `/requests/${otherId}/review`, { token: reviewer.token, json: { outcome: 'returned', reasons } })).status,
    ).toBe(200);
    expect((await inbox(unitToken)).items.map((n) => n.requestId)).toEqual([id]);
  }, 120_000);
});
