import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNationalClient, parseNationalEvent, type NationalEvent } from '../../national/client.ts';
import { sampleScan } from '../../tools/sample-materials.ts';
import { call, createTestDb, newArchiveNo, startReceiver, startStandIn, waitFor, type Received } from './helpers.ts';

const BJ = '110000';
const HB = '130000';
const SH = '310000';

let t: Awaited<ReturnType<typeof createTestDb>>;
let standIn: Awaited<ReturnType<typeof startStandIn>>;
let bj: Awaited<ReturnType<typeof startReceiver>>;
let hb: Awaited<ReturnType<typeof startReceiver>>;
let keySeq = 0;
const key = () => `key-${++keySeq}`;

beforeAll(async () => {
  t = await createTestDb();
  standIn = await startStandIn(t.db);
  bj = await startReceiver();
  hb = await startReceiver();
  expect((await call(standIn.url, 'PUT', `/v1/provinces/${BJ}`, { callbackUrl: bj.url }, key())).status).toBe(200);
  expect((await call(standIn.url, 'PUT', `/v1/provinces/${HB}`, { callbackUrl: hb.url }, key())).status).toBe(200);
});
afterAll(async () => {
  await standIn.close();
  await bj.close();
  await hb.close();
  await t.drop();
});

async function collected(province: string, record: Record<string, unknown> = { name: '李四' }) {
  const archiveNo = newArchiveNo();
  const res = await call(
    standIn.url,
    'PUT',
    `/v1/provinces/${province}/records/${archiveNo}`,
    { record, requestId: 'col-1', kind: 'collection' },
    key(),
  );
  expect(res.status).toBe(201);
  return archiveNo;
}

/** The events a receiver got for one transfer, each validated against the client's schema. */
function eventsFor(r: { received: Received[] }, transferId: string): { event: NationalEvent; key: string | undefined }[] {
  return r.received
    .filter((x) => (x.body as { transferId?: string })?.transferId === transferId)
    .map((x) => ({ event: parseNationalEvent(x.body), key: x.headers['idempotency-key'] as string | undefined }));
}

const owner = async (archiveNo: string) => (await call(standIn.url, 'GET', `/v1/records/${archiveNo}`)).body.province;

describe('pushed transfer (started at the origin)', () => {
  it('relays the request to the destination, and on acceptance moves ownership and tells the origin', async () => {
    const archiveNo = await collected(BJ);
    const start = await call(
      standIn.url,
      'POST',
      '/v1/transfers',
      { fromProvince: BJ, toProvince: HB, archiveNo, originRequestId: 'out-1', toDistrict: '130102' },
      'push-1',
    );
    expect(start.status).toBe(201);
    expect(start.body).toMatchObject({
      status: 'pending',
      direction: 'push',
      fromProvince: BJ,
      toProvince: HB,
      toDistrict: '130102',
      originRequestId: 'out-1',
    });
    const { transferId } = start.body;

    // A retry names the same transfer.
    const retry = await call(
      standIn.url,
      'POST',
      '/v1/transfers',
      { fromProvince: BJ, toProvince: HB, archiveNo, originRequestId: 'out-1', toDistrict: '130102' },
      'push-1',
    );
    expect(retry.body.transferId).toBe(transferId);

    const [requested] = await waitFor(
      () => eventsFor(hb, transferId).length > 0 && eventsFor(hb, transferId),
      'transfer.requested at the destination',
    );
    expect(requested!.event).toMatchObject({
      type: 'transfer.requested',
      transferId,
      archiveNo,
      fromProvince: BJ,
      toProvince: HB,
      toDistrict: '130102',
    });
    expect(requested!.key).toBe(requested!.event.eventId);
    expect(await owner(archiveNo)).toBe(BJ);

    // While pending, the destination cannot upload and no second transfer may start.
    const early = await call(
      standIn.url,
      'PUT',
      `/v1/provinces/${HB}/records/${archiveNo}`,
      { record: { x: 1 }, requestId: 'imp', kind: 'transferImport' },
      key(),
    );
    expect(early.status).toBe(409);
    const second = await call(
      standIn.url,
      'POST',
      '/v1/transfers',
      { fromProvince: BJ, toProvince: SH, archiveNo, originRequestId: 'out-2' },
      key(),
    );
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ type: 'https://national.example/problems/transfer-pending', transferId });

    // Only the destination decides.
    const intruder = await call(
      standIn.url,
      'POST',
      `/v1/transfers/${transferId}/decision`,
      { decision: 'accepted', byProvince: BJ },
      key(),
    );
    expect(intruder.status).toBe(403);

    const decided = await call(
      standIn.url,
      'POST',
      `/v1/transfers/${transferId}/decision`,
      { decision: 'accepted', byProvince: HB },
      'decide-1',
    );
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ transferId, status: 'accepted', reason: null });
    expect(decided.body.decidedAt).toBeTruthy();
    expect(await owner(archiveNo)).toBe(HB);

    const [decidedEvent] = await waitFor(
      () => eventsFor(bj, transferId).length > 0 && eventsFor(bj, transferId),
      'transfer.decided at the origin',
    );
    expect(decidedEvent!.event).toMatchObject({
      type: 'transfer.decided',
      decision: 'accepted',
      transferId,
      fromProvince: BJ,
      toProvince: HB,
    });

    // The destination fetches the record and imports it; now it owns it and may upload.
    const record = await call(standIn.url, 'GET', `/v1/records/${archiveNo}`);
    expect(record.body).toMatchObject({ province: HB, version: 1, record: { name: '李四' } });
    const imported = await call(
      standIn.url,
      'PUT',
      `/v1/provinces/${HB}/records/${archiveNo}`,
      { record: { name: '李四', unit: '河北' }, requestId: 'imp', kind: 'transferImport' },
      key(),
    );
    expect(imported.body).toMatchObject({ version: 2, province: HB, created: true });
    const fromOrigin = await call(
      standIn.url,
      'PUT',
      `/v1/provinces/${BJ}/records/${archiveNo}`,
      { record: { name: 'x' }, requestId: 'c', kind: 'change' },
      key(),
    );
    expect(fromOrigin.status).toBe(409);

    // A second decision is refused; a replay of the first is not.
    const again = await call(
      standIn.url,
      'POST',
      `/v1/transfers/${transferId}/decision`,
      { decision: 'refused', reason: 'late', byProvince: HB },
      key(),
    );
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('https://national.example/problems/transfer-already-decided');
    const replay = await call(
      standIn.url,
      'POST',
      `/v1/transfers/${transferId}/decision`,
      { decision: 'accepted', byProvince: HB },
      'decide-1',
    );
    expect(replay.status).toBe(200);

    const status = await call(standIn.url, 'GET', `/v1/transfers/${transferId}`);
    expect(status.body.status).toBe('accepted');

    // Exactly one event per step, each acknowledged.
    const delivered = await call(standIn.url, 'GET', `/v1/provinces/${BJ}/events?status=delivered`);
    expect(delivered.body.events.filter((e: { payload: { transferId: string } }) => e.payload.transferId === transferId)).toHaveLength(1);
  });

  it('relays a refusal with its reason; ownership stays', async () => {
    const archiveNo = await collected(BJ);
    const start = await call(
      standIn.url,
      'POST',
      '/v1/transfers',
      { fromProvince: BJ, toProvince: HB, archiveNo, originRequestId: 'out-3' },
      key(),
    );
    const { transferId } = start.body;

    const noReason = await call(
      standIn.url,
      'POST',
      `/v1/transfers/${transferId}/decision`,
      { decision: 'refused', byProvince: HB },
      key(),
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.type).toBe('https://national.example/problems/validation-failed');
    expect(noReason.body.errors).toEqual([{ in: 'body', path: 'reason', message: 'reason is required when the decision is refused' }]);
    const blankReason = await call(
      standIn.url,
      'POST',
      `/v1/transfers/${transferId}/decision`,
      { decision: 'refused', reason: '   ', byProvince: HB },
      key(),
    );
    expect(blankReason.status).toBe(400);

    const refused = await call(
      standIn.url,
      'POST',
      `/v1/transfers/${transferId}/decision`,
      { decision: 'refused', reason: '调转证明不清晰', byProvince: HB },
      key(),
    );
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', reason: '调转证明不清晰' });
    expect(await owner(archiveNo)).toBe(BJ);

    const [ev] = await waitFor(
      () => eventsFor(bj, transferId).length > 0 && eventsFor(bj, transferId),
      'transfer.decided (refused) at the origin',
    );
    expect(ev!.event).toMatchObject({ type: 'transfer.decided', decision: 'refused', reason: '调转证明不清晰' });

    // Refused is final for this transfer, but the person may try again.
    const retry = await call(
      standIn.url,
      'POST',
      '/v1/transfers',
      { fromProvince: BJ, toProvince: HB, archiveNo, originRequestId: 'out-4' },
      key(),
    );
    expect(retry.status).toBe(201);
  });

  it('refuses transfers of unknown records, records of another province, and to the same province', async () => {
    const missing = await call(
      standIn.url,
      'POST',
      '/v1/transfers',
      { fromProvince: BJ, toProvince: HB, archiveNo: newArchiveNo(), originRequestId: 'o' },
      key(),
    );
    expect(missing.status).toBe(404);
    const archiveNo = await collected(HB);
    const notOwner = await call(
      standIn.url,
      'POST',
      '/v1/transfers',
      { fromProvince: BJ, toProvince: SH, archiveNo, originRequestId: 'o' },
      key(),
    );
    expect(notOwner.status).toBe(409);
    expect(notOwner.body.type).toBe('https://national.example/problems/record-owned-elsewhere');
    const same = await call(
      standIn.url,
      'POST',
      '/v1/transfers',
      { fromProvince: HB, toProvince: HB, archiveNo, originRequestId: 'o' },
      key(),
    );
    expect(same.status).toBe(400);
    const unknown = await call(standIn.url, 'POST', '/v1/transfers/tr_nope/decision', { decision: 'accepted', byProvince: HB }, key());
    expect(unknown.status).toBe(404);
    expect((await call(standIn.url, 'GET', '/v1/transfers/tr_nope')).status).toBe(404);
  });
});

describe('pulled transfer (started at the destination)', () => {
  it('returns the record with its history, moves ownership and tells the origin', async () => {
    const archiveNo = await collected(BJ, { name: '王五', v: 1 });
    await call(
      standIn.url,
      'PUT',
      `/v1/provinces/${BJ}/records/${archiveNo}`,
      { record: { name: '王五', v: 2 }, requestId: 'chg', kind: 'change' },
      key(),
    );

    const body = { toProvince: HB, fromProvince: BJ, archiveNo, destinationRequestId: 'in-1', toDistrict: '130104' };
    const pull = await call(standIn.url, 'POST', '/v1/transfer-pulls', body, 'pull-1');
    expect(pull.status).toBe(201);
    expect(pull.body.transfer).toMatchObject({
      direction: 'pull',
      status: 'accepted',
      fromProvince: BJ,
      toProvince: HB,
      destinationRequestId: 'in-1',
    });
    expect(pull.body.record).toMatchObject({ archiveNo, province: HB, version: 2, uploadedBy: BJ, record: { name: '王五', v: 2 } });
    expect(pull.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(await owner(archiveNo)).toBe(HB);

    const replay = await call(standIn.url, 'POST', '/v1/transfer-pulls', body, 'pull-1');
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(pull.body);

    const { transferId } = pull.body.transfer;
    const [ev] = await waitFor(() => eventsFor(bj, transferId).length > 0 && eventsFor(bj, transferId), 'transfer.pulled at the origin');
    expect(ev!.event).toMatchObject({ type: 'transfer.pulled', transferId, archiveNo, fromProvince: BJ, toProvince: HB });
    expect(eventsFor(hb, transferId)).toHaveLength(0);

    // The origin no longer owns it: a second pull naming it fails.
    const again = await call(standIn.url, 'POST', '/v1/transfer-pulls', { ...body, toProvince: SH }, key());
    expect(again.status).toBe(409);
  });

  it('cannot pull a record that the named origin does not own', async () => {
    const archiveNo = await collected(HB);
    const res = await call(
      standIn.url,
      'POST',
      '/v1/transfer-pulls',
      { toProvince: SH, fromProvince: BJ, archiveNo, destinationRequestId: 'in-2' },
      key(),
    );
    expect(res.status).toBe(409);
    expect(res.body.ownerProvince).toBe(HB);
    expect(await owner(archiveNo)).toBe(HB);
  });
});

describe('what a transfer carries (the transfer proof)', () => {
  const proofOf = (bytes: Buffer) => ({
    kind: 'transferProof',
    contentType: 'image/jpeg',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    data: bytes.toString('base64'),
  });
  const start = (archiveNo: string, attachments: unknown[], k = key()) =>
    call(
      standIn.url,
      'POST',
      '/v1/transfers',
      { fromProvince: BJ, toProvince: HB, archiveNo, originRequestId: 'out-p', toDistrict: '130102', attachments },
      k,
    );

  it('travels with the transfer; its two provinces fetch it by id, the same bytes; others may not', async () => {
    const bytes = await sampleScan('proof');
    const archiveNo = await collected(BJ);
    const started = await start(archiveNo, [proofOf(bytes)]);
    expect(started.status).toBe(201);
    const [attachment] = started.body.attachments;
    expect(attachment).toMatchObject({
      kind: 'transferProof',
      contentType: 'image/jpeg',
      byteSize: bytes.length,
      sha256: proofOf(bytes).sha256,
    });
    const got = await call(standIn.url, 'GET', `/v1/transfers/${started.body.transferId}`);
    expect(got.body.attachments).toEqual([attachment]);

    const client = createNationalClient({ baseUrl: standIn.url, province: HB });
    const fetched = await client.getTransferAttachment(started.body.transferId, attachment.attachmentId);
    expect(Buffer.from(fetched).equals(bytes)).toBe(true);
    const stranger = createNationalClient({ baseUrl: standIn.url, province: SH });
    await expect(stranger.getTransferAttachment(started.body.transferId, attachment.attachmentId)).rejects.toMatchObject({
      status: 403,
      code: 'not-transfer-party',
    });
    await expect(client.getTransferAttachment(started.body.transferId, 'nothing')).rejects.toMatchObject({ status: 404 });
  });

  it('is checked on receipt: under 50 KB, a JPEG, the digest it claims; a refused start changes nothing', async () => {
    const archiveNo = await collected(BJ);
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(50 * 1024), Buffer.from([0xff, 0xd9])]);
    const tooLarge = await start(archiveNo, [proofOf(big)]);
    expect(tooLarge.status).toBe(400); // the base64 text itself is longer than a 50 KB file can be
    const justOver = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(50 * 1024 - 4), Buffer.from([0xff, 0xd9])]);
    expect((await start(archiveNo, [proofOf(justOver)])).body.type).toMatch(/attachment-too-large$/);
    const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
    const notJpeg = await start(archiveNo, [proofOf(png)]);
    expect(notJpeg.status).toBe(415);
    expect(notJpeg.body.type).toMatch(/attachment-not-jpeg$/);
    const wrongDigest = await start(archiveNo, [{ ...proofOf(await sampleScan('a')), sha256: '0'.repeat(64) }]);
    expect(wrongDigest.status).toBe(422);
    expect(wrongDigest.body.type).toMatch(/attachment-digest-mismatch$/);
    // Nothing was started: the record can still be transferred.
    expect((await start(archiveNo, [proofOf(await sampleScan('ok'))])).status).toBe(201);
  });
});
