import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NationalDb } from '../../infra/national/db.ts';
import { retryDelay } from '../../infra/national/outbox.ts';
import { call, createTestDb, newArchiveNo, startReceiver, startStandIn, waitFor } from './helpers.ts';

const BJ = '110000';
const HB = '130000';

let t: Awaited<ReturnType<typeof createTestDb>>;
let keySeq = 0;
const key = () => `dkey-${++keySeq}`;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

/** Uploads a record in `from` and starts its transfer to `to`; returns the transfer id. */
async function pushTransfer(url: string, from: string, to: string) {
  const archiveNo = newArchiveNo();
  await call(url, 'PUT', `/v1/provinces/${from}/records/${archiveNo}`, { record: { n: 1 }, requestId: 'c', kind: 'collection' }, key());
  const res = await call(url, 'POST', '/v1/transfers', { fromProvince: from, toProvince: to, archiveNo, originRequestId: 'o' }, key());
  expect(res.status).toBe(201);
  return res.body.transferId as string;
}

async function eventOf(url: string, province: string, transferId: string) {
  const res = await call(url, 'GET', `/v1/provinces/${province}/events`);
  return (
    res.body.events as { eventId: string; status: string; attempts: number; lastError: string | null; payload: { transferId: string } }[]
  ).find((e) => e.payload.transferId === transferId);
}

describe('callback delivery', () => {
  it('retries with backoff until the province answers 2xx, with the same Idempotency-Key each time', async () => {
    const standIn = await startStandIn(t.db);
    const hb = await startReceiver((_r, i) => (i < 2 ? 500 : 200));
    try {
      await call(standIn.url, 'PUT', `/v1/provinces/${HB}`, { callbackUrl: hb.url }, key());
      const transferId = await pushTransfer(standIn.url, BJ, HB);

      const delivered = await waitFor(async () => {
        const e = await eventOf(standIn.url, HB, transferId);
        return e?.status === 'delivered' && e;
      }, 'delivery after two failures');
      expect(delivered.attempts).toBe(3);
      expect(delivered.lastError).toBeNull();

      // Nothing more is sent once acknowledged.
      await new Promise((r) => setTimeout(r, 300));
      expect(hb.received).toHaveLength(3);
      const keys = new Set(hb.received.map((r) => r.headers['idempotency-key']));
      expect([...keys]).toEqual([delivered.eventId]);
      expect(hb.received.every((r) => (r.body as { eventId: string }).eventId === delivered.eventId)).toBe(true);

      const pending = await call(standIn.url, 'GET', `/v1/provinces/${HB}/events?status=pending`);
      expect(pending.body.events).toHaveLength(0);
    } finally {
      await standIn.close();
      await hb.close();
    }
  });

  it('keeps undelivered events across a restart of the stand-in', async () => {
    let answer = 503;
    const receiver = await startReceiver(() => answer);
    const province = '320000';

    const db1 = await NationalDb.open(t.url);
    const first = await startStandIn(db1);
    await call(first.url, 'PUT', `/v1/provinces/${province}`, { callbackUrl: receiver.url }, key());
    const transferId = await pushTransfer(first.url, BJ, province);
    await waitFor(() => receiver.received.length >= 1, 'a first, refused attempt');
    // The receiver has answered; the stand-in records that answer a moment later.
    const before = await waitFor(async () => {
      const e = await eventOf(first.url, province, transferId);
      return e?.lastError ? e : undefined;
    }, 'the refused attempt recorded');
    expect(before).toMatchObject({ status: 'pending', lastError: 'HTTP 503' });
    await first.close();
    await db1.close();

    answer = 200;
    const db2 = await NationalDb.open(t.url);
    const second = await startStandIn(db2);
    try {
      const after = await waitFor(async () => {
        const e = await eventOf(second.url, province, transferId);
        return e?.status === 'delivered' && e;
      }, 'delivery by the restarted stand-in');
      expect(after.eventId).toBe(before!.eventId);
      expect(new Set(receiver.received.map((r) => r.headers['idempotency-key']))).toEqual(new Set([before!.eventId]));
    } finally {
      await second.close();
      await db2.close();
      await receiver.close();
    }
  });

  it('holds events for a province that has not registered, and sends them once it does', async () => {
    const standIn = await startStandIn(t.db, { delivery: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const receiver = await startReceiver();
    const province = '330000';
    try {
      const transferId = await pushTransfer(standIn.url, BJ, province);
      const waiting = await waitFor(async () => {
        const e = await eventOf(standIn.url, province, transferId);
        return e?.lastError ? e : undefined;
      }, 'an attempt without a callback');
      expect(waiting.status).toBe('pending');
      expect(waiting.lastError).toContain('not registered');

      // Registering makes the waiting event due at once, despite its long backoff.
      await call(standIn.url, 'PUT', `/v1/provinces/${province}`, { callbackUrl: receiver.url }, key());
      await waitFor(async () => (await eventOf(standIn.url, province, transferId))?.status === 'delivered', 'delivery after registration');
      expect(receiver.received).toHaveLength(1);
    } finally {
      await standIn.close();
      await receiver.close();
    }
  });

  it('backs off exponentially up to a ceiling', () => {
    const full = () => 1;
    expect([1, 2, 3, 4, 10].map((n) => retryDelay(n, 100, 1000, full))).toEqual([100, 200, 400, 800, 1000]);
    expect(retryDelay(3, 100, 1000, () => 0)).toBe(200);
  });
});
