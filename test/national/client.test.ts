import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  NationalProtocolError,
  NationalRejectedError,
  NationalUnavailableError,
  createNationalClient,
  isRetryableNationalError,
  nationalEventSchema,
  parseNationalEvent,
  type NationalClient,
} from '../../national/client.ts';
import { call, createTestDb, newArchiveNo, startReceiver, startStandIn, waitFor } from './helpers.ts';

let t: Awaited<ReturnType<typeof createTestDb>>;
let standIn: Awaited<ReturnType<typeof startStandIn>>;
let bj: NationalClient;
let hb: NationalClient;
let keySeq = 0;
const key = () => `ckey-${++keySeq}`;

beforeAll(async () => {
  t = await createTestDb();
  standIn = await startStandIn(t.db);
  bj = createNationalClient({ baseUrl: `${standIn.url}/`, province: '110000' });
  hb = createNationalClient({ baseUrl: standIn.url, province: '130000' });
});
afterEach(async () => {
  await call(standIn.url, 'DELETE', '/admin/faults');
});
afterAll(async () => {
  await standIn.close();
  await t.drop();
});

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('national client', () => {
  it('uploads and reads records; a missing record is null', async () => {
    const archiveNo = newArchiveNo();
    const up = await bj.uploadRecord({ archiveNo, record: { name: '赵六' }, requestId: 'r1', kind: 'collection', idempotencyKey: key() });
    expect(up).toEqual({ archiveNo, province: '110000', version: 1, created: true });
    expect(await bj.getRecord(archiveNo)).toMatchObject({ archiveNo, province: '110000', version: 1, record: { name: '赵六' } });
    expect((await bj.getRecordVersions(archiveNo))?.versions).toHaveLength(1);
    expect(await bj.getRecord(newArchiveNo())).toBeNull();
    expect(await bj.getTransfer('tr_missing')).toBeNull();
  });

  it('classifies 409 as non-retryable, with the problem document', async () => {
    const archiveNo = newArchiveNo();
    await bj.uploadRecord({ archiveNo, record: { a: 1 }, requestId: 'r', kind: 'collection', idempotencyKey: key() });
    const err = await caught(hb.uploadRecord({ archiveNo, record: { a: 2 }, requestId: 'r', kind: 'collection', idempotencyKey: key() }));
    expect(err).toBeInstanceOf(NationalRejectedError);
    const e = err as NationalRejectedError;
    expect(e.retryable).toBe(false);
    expect(isRetryableNationalError(e)).toBe(false);
    expect(e.status).toBe(409);
    expect(e.code).toBe('record-owned-elsewhere');
    expect(e.problem).toMatchObject({ status: 409, ownerProvince: '110000' });
    expect(e.problem.detail_zh).toBeTruthy();
    expect(e.message).not.toContain(archiveNo);
  });

  it('classifies a reused idempotency key as non-retryable', async () => {
    const archiveNo = newArchiveNo();
    const k = key();
    await bj.uploadRecord({ archiveNo, record: { a: 1 }, requestId: 'r', kind: 'collection', idempotencyKey: k });
    const err = await caught(bj.uploadRecord({ archiveNo, record: { a: 2 }, requestId: 'r', kind: 'collection', idempotencyKey: k }));
    expect(err).toMatchObject({ retryable: false, status: 422, code: 'idempotency-key-reused' });
  });

  it('classifies 503 as retryable, with Retry-After', async () => {
    await call(standIn.url, 'PUT', '/admin/faults', { down: true });
    const err = await caught(
      bj.uploadRecord({ archiveNo: newArchiveNo(), record: {}, requestId: 'r', kind: 'collection', idempotencyKey: key() }),
    );
    expect(err).toBeInstanceOf(NationalUnavailableError);
    expect(err).toMatchObject({ retryable: true, reason: 'server', status: 503, retryAfterMs: 1000 });
    expect(isRetryableNationalError(err)).toBe(true);
  });

  it('classifies timeouts and network errors as retryable', async () => {
    await call(standIn.url, 'PUT', '/admin/faults', { latencyMs: 400 });
    const slow = createNationalClient({ baseUrl: standIn.url, province: '110000', timeoutMs: 100 });
    expect(await caught(slow.getRecord(newArchiveNo()))).toMatchObject({ retryable: true, reason: 'timeout' });

    const gone = await startReceiver();
    const url = new URL(gone.url).origin;
    await gone.close();
    const unreachable = createNationalClient({ baseUrl: url, province: '110000' });
    const err = await caught(unreachable.getRecord(newArchiveNo()));
    expect(err).toBeInstanceOf(NationalUnavailableError);
    expect(err).toMatchObject({ retryable: true, reason: 'network' });
  });

  it('classifies 429 as retryable and an unintelligible answer as a protocol error', async () => {
    const limited = createNationalClient({
      baseUrl: 'http://national.invalid',
      province: '110000',
      fetch: async () => new Response('slow down', { status: 429, headers: { 'retry-after': '7' } }),
    });
    expect(await caught(limited.getTransfer('x'))).toMatchObject({ retryable: true, reason: 'rate-limited', retryAfterMs: 7000 });

    const html = createNationalClient({
      baseUrl: 'http://national.invalid',
      province: '110000',
      fetch: async () => new Response('<html>hello</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    });
    const err = await caught(html.getTransfer('x'));
    expect(err).toBeInstanceOf(NationalProtocolError);
    expect(err).toMatchObject({ retryable: false });

    const teapot = createNationalClient({
      baseUrl: 'http://national.invalid',
      province: '110000',
      fetch: async () => new Response('nope', { status: 400 }),
    });
    expect(await caught(teapot.getTransfer('x'))).toMatchObject({ retryable: false, status: 400, code: 'unknown' });
  });

  it('drives a pushed and a pulled transfer, and its events validate against the exported schema', async () => {
    const bjInbox = await startReceiver();
    const hbInbox = await startReceiver();
    try {
      expect((await bj.registerProvince('http://127.0.0.1:1/old')).callbackUrl).toBe('http://127.0.0.1:1/old');
      expect((await bj.registerProvince(bjInbox.url)).callbackUrl).toBe(bjInbox.url);
      await hb.registerProvince(hbInbox.url);

      const a = newArchiveNo();
      await bj.uploadRecord({ archiveNo: a, record: { n: 1 }, requestId: 'r', kind: 'collection', idempotencyKey: key() });
      const pushed = await bj.startTransfer({
        archiveNo: a,
        toProvince: '130000',
        originRequestId: 'out',
        toDistrict: '130102',
        idempotencyKey: key(),
      });
      expect(pushed).toMatchObject({ status: 'pending', direction: 'push', fromProvince: '110000', toProvince: '130000' });
      await waitFor(() => hbInbox.received.length > 0, 'transfer.requested');
      const requested = parseNationalEvent(hbInbox.received[0]!.body);
      expect(requested).toMatchObject({ type: 'transfer.requested', transferId: pushed.transferId, toDistrict: '130102' });

      const refused = await hb.decideTransfer({
        transferId: pushed.transferId,
        decision: 'refused',
        reason: '材料不全',
        idempotencyKey: key(),
      });
      expect(refused).toMatchObject({ status: 'refused', reason: '材料不全' });
      expect((await bj.getTransfer(pushed.transferId))?.status).toBe('refused');
      await waitFor(() => bjInbox.received.length > 0, 'transfer.decided');
      expect(parseNationalEvent(bjInbox.received[0]!.body)).toMatchObject({
        type: 'transfer.decided',
        decision: 'refused',
        reason: '材料不全',
      });

      const pulled = await hb.pullTransfer({ archiveNo: a, fromProvince: '110000', destinationRequestId: 'in', idempotencyKey: key() });
      expect(pulled.transfer.status).toBe('accepted');
      expect(pulled.record).toMatchObject({ province: '130000', record: { n: 1 } });
      expect(pulled.versions).toHaveLength(1);
      await waitFor(() => bjInbox.received.length > 1, 'transfer.pulled');
      expect(parseNationalEvent(bjInbox.received[1]!.body)).toMatchObject({
        type: 'transfer.pulled',
        transferId: pulled.transfer.transferId,
      });

      await waitFor(async () => (await bj.listEvents('pending')).length === 0, 'all delivered');
      expect((await bj.listEvents('delivered')).map((e) => e.type)).toEqual(['transfer.decided', 'transfer.pulled']);
    } finally {
      await bjInbox.close();
      await hbInbox.close();
    }
  });

  it('event schema rejects a refusal without reason', () => {
    const base = {
      eventId: 'e',
      transferId: 't',
      archiveNo: 'A1234',
      fromProvince: '110000',
      toProvince: '130000',
      occurredAt: new Date().toISOString(),
    };
    expect(nationalEventSchema.safeParse({ ...base, type: 'transfer.decided', decision: 'refused' }).success).toBe(false);
    expect(nationalEventSchema.safeParse({ ...base, type: 'transfer.decided', decision: 'accepted' }).success).toBe(true);
    expect(nationalEventSchema.safeParse({ ...base, type: 'transfer.unknown' }).success).toBe(false);
  });
});
