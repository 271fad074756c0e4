import type { NativeConnection, Worker } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createLogger } from '../../clients/log.ts';
import { personalDataFromEnv } from '../../clients/personal-data.ts';
import { createNationalClient } from '../../national/client.ts';
import { newDeployment, prepareDeployment, removeDeployment, type Deployment } from '../../tools/lib/deployment.ts';
import { bundleWorkflows, createWorker } from '../../worker/create.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, waitForState } from '../support/forms.ts';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { smtpChannel } from '../../clients/mail.ts';
import { recordingSmsChannel } from '../../clients/sms.ts';
import { deliverDue, startDelivery } from '../../worker/deliver-notifications.ts';
import { freePort, waitFor } from '../support/ports.ts';

/**
 * People are told what happened to their requests: in-app messages written in the same transaction as the
 * state change (the outbox), once per event and recipient. This file's worker runs the real activities and
 * fails each recording of a transition once, after it has been written, so Temporal retries every one of them. On a
 * database of this file's own: what its delivery loop and its rounds of deliverDue find due is this file's only.
 */
const X = '110105';

let d: Deployment;
let ctx: TestContext;
let worker: Worker;
let connection: NativeConnection;
let running: Promise<void>;
const failedOnce = new Set<string>();
let mailpit: ChildProcess;
let mailApi: string;
let mail: ReturnType<typeof smtpChannel>;
let delivery: { stop(): Promise<void> };
/** infra/mailpit.sh builds it into .data/bin; `go install` alone leaves it in Go's bin directory. */
const MAILPIT_BIN =
  process.env.MAILPIT_BIN ??
  [new URL('../../.data/bin/mailpit', import.meta.url).pathname, `${homedir()}/go/bin/mailpit`].find((p) => existsSync(p)) ??
  'mailpit';

beforeAll(async () => {
  d = newDeployment('notifications', { temporalAddress: inject('run').temporalAddress });
  await prepareDeployment(d);
  const taskQueue = d.taskQueue;
  ctx = await testContext({
    DATABASE_URL: d.databaseUrl,
    TEMPORAL_TASK_QUEUE: taskQueue,
    MINIO_BUCKET: d.bucket,
    STORAGE_PREFIX: d.storagePrefix,
  });
  const activities = createActivities({
    db: ctx.db,
    storage: ctx.storage,
    log: createLogger('silent', 'worker'),
    national: createNationalClient({ baseUrl: ctx.run.nationalUrl, province: ctx.run.provinceCode }),
    personalData: personalDataFromEnv(ctx.env),
    provinceCode: ctx.run.provinceCode,
  });
  const recordTransition = activities.recordTransition;
  activities.recordTransition = async (t) => {
    await recordTransition(t);
    if (!failedOnce.has(t.event.key)) {
      failedOnce.add(t.event.key);
      // Written, then lost: as when the worker dies before Temporal hears the activity finished.
      throw ApplicationFailure.retryable('the worker lost the answer');
    }
  };
  ({ worker, connection } = await createWorker({
    address: ctx.run.temporalAddress,
    namespace: 'default',
    taskQueue,
    bundle: await bundleWorkflows(),
    shutdownSignals: [],
    activities,
  }));
  running = worker.run();

  // A real SMTP server of this file's own, and the worker's delivery loop sending to it.
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  mailpit = spawn(MAILPIT_BIN, ['--smtp', `127.0.0.1:${smtpPort}`, '--listen', `127.0.0.1:${httpPort}`, '--quiet'], { stdio: 'ignore' });
  mailApi = `http://127.0.0.1:${httpPort}`;
  await waitFor(async () => (await fetch(`${mailApi}/livez`).catch(() => null))?.ok === true, 'Mailpit', 30_000);
  mail = smtpChannel({ host: '127.0.0.1', port: smtpPort, from: 'noreply@accounting.example' });
  delivery = startDelivery({ db: ctx.db, log: createLogger('silent', 'worker'), channels: { email: mail } }, 200);
}, 120_000);

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

type Item = { id: string; requestId: string; type: string; subject: { zh: string }; reasons?: { path: string; reason: string }[] };
const inbox = async (token: string) => {
  const res = await ctx.call('GET', '/notifications', { token });
  expect(res.status, JSON.stringify(res.data)).toBe(200);
  return res.data as { unread: number; items: (Item & { readAt: string | null })[] };
};

describe('notifications of a request, in-app and by email', () => {
  it('tells the reviewers of a submission and the applicant of the return with its reasons and of the outcome, once each', async () => {
    const applicant = await signUpApplicant(ctx);
    const reviewer = await signInReviewer(ctx, X);
    const other = await signInReviewer(ctx, '110108');
    const id = await fillDraft(ctx, applicant.token, accountantForm());
    expect((await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token })).status).toBe(200);

    const submitted = (await inbox(reviewer.token)).items.filter((n) => n.requestId === id);
    expect(submitted.map((n) => n.type)).toEqual(['submitted']);
    expect((await inbox(other.token)).items.filter((n) => n.requestId === id)).toEqual([]);

    const reasons = [{ target: 'field', path: 'basic.address', reason: '请填写门牌号' }];
    const returned = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'returned', reasons } });
    expect(returned.status, JSON.stringify(returned.data)).toBe(200);
    const told = await inbox(applicant.token);
    expect(told.unread).toBe(1);
    expect(told.items).toEqual([
      expect.objectContaining({
        requestId: id,
        type: 'returned',
        subject: { zh: '您的申请已退回修改', en: 'Your request was returned for correction' },
        reasons,
        dueAt: expect.any(String),
        readAt: null,
      }),
    ]);

    // Read: stays read, and a second read keeps the first time.
    const read = await ctx.call('POST', `/notifications/${told.items[0]!.id}/read`, { token: applicant.token });
    expect(read.status).toBe(200);
    expect(read.data.readAt).toEqual(expect.any(String));
    const again = await ctx.call('POST', `/notifications/${told.items[0]!.id}/read`, { token: applicant.token });
    expect(again.data.readAt).toBe(read.data.readAt);
    expect((await inbox(applicant.token)).unread).toBe(0);
    // Someone else's message is not there for them.
    const foreign = await ctx.call('POST', `/notifications/${told.items[0]!.id}/read`, { token: reviewer.token });
    expect(foreign.status).toBe(404);
    expect(foreign.data.type).toMatch(/not-found$/);

    expect((await ctx.call('POST', `/requests/${id}/resubmit`, { token: applicant.token })).status).toBe(200);
    expect((await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } })).status).toBe(200);
    await waitForState(ctx, id, 'completed');

    // Every transition was recorded twice (the first answer lost); each message is there once, newest first.
    expect((await inbox(applicant.token)).items.map((n) => n.type)).toEqual(['completed', 'approved', 'returned']);
    expect((await inbox(reviewer.token)).items.filter((n) => n.requestId === id).map((n) => n.type)).toEqual(['resubmitted', 'submitted']);
    const rows = await ctx.db.notification.findMany({ where: { requestId: id } });
    expect(rows.length).toBe(new Set(rows.map((r) => r.eventKey)).size);
    expect(failedOnce.has(`${id}:returned:1`)).toBe(true);

    // Emailed too, to the address the form has, each once: read through Mailpit's HTTP API.
    const ids = new Set((await ctx.db.notification.findMany({ where: { requestId: id, recipientId: applicant.userId } })).map((n) => n.id));
    const mails = async () => {
      const res = await fetch(`${mailApi}/api/v1/messages?limit=500`);
      const body = (await res.json()) as { messages: { ID: string; MessageID: string; Subject: string; To: { Address: string }[] }[] };
      return body.messages.filter((m) => ids.has(m.MessageID.split('@')[0]!));
    };
    await waitFor(async () => (await mails()).length === 3, 'the three emails', 20_000);
    // Another round of the loop (or a second worker) finds nothing left to send.
    expect(await deliverDue({ db: ctx.db, log: createLogger('silent', 'worker'), channels: { email: mail } })).toBe(0);
    const sent = await mails();
    expect(sent.map((m) => m.Subject).sort()).toEqual(
      [
        '您的申请已退回修改 / Your request was returned for correction',
        '您的申请已审核通过 / Your request was approved',
        '您的申请已办结 / Your request is completed',
      ].sort(),
    );
    expect(sent.every((m) => m.To[0]!.Address === 'zhangwei@example.com')).toBe(true);
    const returnedMail = sent.find((m) => m.Subject.startsWith('您的申请已退回'))!;
    const text = await (await fetch(`${mailApi}/api/v1/message/${returnedMail.ID}`)).json();
    expect(text.Text).toContain('basic.address: 请填写门牌号');
    const rows2 = await ctx.db.notificationDelivery.findMany({ where: { notificationId: { in: [...ids] } } });
    expect(rows2.map((d) => [d.channel, d.attempts, d.deliveredAt !== null])).toEqual([
      ['email', 1, true],
      ['email', 1, true],
      ['email', 1, true],
    ]);
  }, 120_000);

  it('tells the applicant when an administrator withdraws their request, not when they withdraw it themselves', async () => {
    const applicant = await signUpApplicant(ctx);
    const mine = await fillDraft(ctx, applicant.token, accountantForm());
    expect((await ctx.call('POST', `/requests/${mine}/submit`, { token: applicant.token })).status).toBe(200);
    expect((await ctx.call('POST', `/requests/${mine}/withdraw`, { token: applicant.token, json: {} })).status).toBe(200);
    await waitForState(ctx, mine, 'withdrawn');
    expect((await inbox(applicant.token)).items).toEqual([]);

    const admin = await signInAdmin(ctx);
    const theirs = await fillDraft(ctx, applicant.token, accountantForm());
    expect((await ctx.call('POST', `/requests/${theirs}/submit`, { token: applicant.token })).status).toBe(200);
    const withdrawn = await ctx.call('POST', `/requests/${theirs}/withdraw`, { token: admin.token, json: { reason: '重复申请' } });
    expect(withdrawn.status, JSON.stringify(withdrawn.data)).toBe(200);
    await waitForState(ctx, theirs, 'withdrawn');
    expect((await inbox(applicant.token)).items).toEqual([
      expect.objectContaining({ requestId: theirs, type: 'withdrawn', reason: '重复申请' }),
    ]);
  }, 60_000);

  it('retries a delivery its channel failed, later, and sends it once it goes through (the SMS stand-in)', async () => {
    const applicant = await signUpApplicant(ctx);
    const personalData = personalDataFromEnv(ctx.env);
    const n = await ctx.db.notification.create({
      data: {
        eventKey: `test:${applicant.userId}:sms`,
        recipientId: applicant.userId,
        requestId: '00000000-0000-4000-8000-000000000000',
        type: 'approved',
        content: { subject: { zh: '您的申请已审核通过', en: 'Your request was approved' }, body: { zh: '通过', en: 'Approved' } },
        // Kept sealed in the outbox; the delivery loop opens it for the gateway.
        deliveries: { create: { channel: 'sms', address: personalData.seal('mobile', '13800138000') } },
      },
    });
    const gateway = recordingSmsChannel();
    let down = true;
    const sms = {
      send: async (m: Parameters<typeof gateway.send>[0]) => {
        if (down) throw new Error('the gateway is away');
        await gateway.send(m);
      },
    };
    const deps = { db: ctx.db, log: createLogger('silent', 'worker'), channels: { sms }, personalData };
    expect(await deliverDue(deps)).toBe(1);
    const failed = await ctx.db.notificationDelivery.findUniqueOrThrow({
      where: { notificationId_channel: { notificationId: n.id, channel: 'sms' } },
    });
    expect(failed).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'the gateway is away', claimedUntil: null });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not before its backoff is over.
    expect(await deliverDue(deps)).toBe(0);
    await ctx.db.notificationDelivery.update({ where: { id: failed.id }, data: { nextAttemptAt: new Date() } });
    down = false;
    expect(await deliverDue(deps)).toBe(1);
    expect(await deliverDue(deps)).toBe(0);
    expect(gateway.sent).toEqual([
      expect.objectContaining({ id: n.id, to: '13800138000', subject: '您的申请已审核通过 / Your request was approved' }),
    ]);
    expect(await ctx.db.notificationDelivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      attempts: 2,
      lastError: null,
    });
  });
});
