import { randomBytes } from 'node:crypto';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayloadCodec, ENCRYPTED_ENCODING, parsePayloadKeys, payloadCodecFromEnv } from '../../clients/payload-codec.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, waitForState } from '../support/forms.ts';

const key = () => randomBytes(32).toString('base64');
const json = (v: unknown) => ({
  metadata: { encoding: new TextEncoder().encode('json/plain') },
  data: new TextEncoder().encode(JSON.stringify(v)),
});
const text = (b?: Uint8Array | null) => Buffer.from(b ?? []).toString('utf8');

describe('the encrypting payload codec', () => {
  it('encrypts with the current key and names it; decrypts back to the same payload', async () => {
    const codec = createPayloadCodec(parsePayloadKeys(`k1:${key()}`));
    const [sealed] = await codec.encode([json({ reason: '地址不完整' })]);
    expect(text(sealed!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed!.metadata!['encryption-key-id'])).toBe('k1');
    expect(Buffer.from(sealed!.data!).includes(Buffer.from('地址不完整'))).toBe(false);
    const [opened] = await codec.decode([sealed!]);
    expect(text(opened!.metadata!.encoding)).toBe('json/plain');
    expect(JSON.parse(text(opened!.data))).toEqual({ reason: '地址不完整' });
  });

  it('passes payloads without its encoding through, so histories recorded before it still replay', async () => {
    const codec = createPayloadCodec(parsePayloadKeys(`k1:${key()}`));
    const plain = json({ requestId: 'r-1' });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('rotates: old payloads decrypt with their key while new ones use the current key; unknown or altered ones are refused', async () => {
    const [k1, k2] = [key(), key()];
    const old = createPayloadCodec(parsePayloadKeys(`k1:${k1}`));
    const rotated = createPayloadCodec(parsePayloadKeys(`k2:${k2},k1:${k1}`));
    const [sealedOld] = await old.encode([json('old')]);
    const [sealedNew] = await rotated.encode([json('new')]);
    expect(text(sealedNew!.metadata!['encryption-key-id'])).toBe('k2');
    expect((await rotated.decode([sealedOld!, sealedNew!])).map((p) => JSON.parse(text(p.data)))).toEqual(['old', 'new']);
    await expect(old.decode([sealedNew!])).rejects.toMatchObject({ code: 'unknown-key' });
    const altered = { ...sealedOld!, data: Buffer.from(sealedOld!.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(rotated.decode([altered])).rejects.toMatchObject({ code: 'not-decryptable' });
  });
});

let ctx: TestContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(() => ctx.close());

/**
 * Every payload in a history, in the JSON form the remote codec protocol uses, but search attributes:
 * the server indexes those, so they stay plain (and carry codes only).
 */
const PATCH_MARKER = 'core_patch';
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/** The core's bookkeeping of each local activity in a history, decoded. */
function localActivityData(history: { events: { markerRecordedEventAttributes?: { markerName?: string; details?: object } }[] }) {
  return history.events
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === LOCAL_ACTIVITY_MARKER)
    .flatMap((m) =>
      ((m!.details as { data?: { payloads?: { data?: string }[] } }).data?.payloads ?? []).map((p) =>
        JSON.parse(Buffer.from(p.data ?? '', 'base64').toString()),
      ),
    );
}

/** What the patch markers of a history carry, decoded: the patch names and nothing else. */
function patchMarkerContents(history: { events: { markerRecordedEventAttributes?: { markerName?: string; details?: object } }[] }) {
  return history.events
    .map((e) => e.markerRecordedEventAttributes)
    .filter((m) => m?.markerName === PATCH_MARKER)
    .flatMap((m) =>
      Object.values(m!.details ?? {}).flatMap((d) =>
        ((d as { payloads?: { data?: string }[] }).payloads ?? []).map((p) => JSON.parse(Buffer.from(p.data ?? '', 'base64').toString())),
      ),
    );
}

function payloadsIn(node: unknown, out: { metadata: Record<string, string>; data?: string }[] = []) {
  if (Array.isArray(node)) node.forEach((n) => payloadsIn(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.metadata && typeof o.metadata === 'object' && 'encoding' in (o.metadata as object)) out.push(o as never);
    // The SDK's core writes a patch marker itself, outside the codec: its only content is the patch's name (checked below).
    else if (o.markerName === PATCH_MARKER) return out;
    // A local activity's marker: its `result` went through the codec; its `data` is the core's own bookkeeping
    // (sequence, attempt, activity type, times), checked below.
    else if (o.markerName === LOCAL_ACTIVITY_MARKER) payloadsIn((o.details as { result?: unknown } | undefined)?.result, out);
    else Object.entries(o).forEach(([k, n]) => k !== 'searchAttributes' && payloadsIn(n, out));
  }
  return out;
}

describe('Temporal holds ciphertext; the codec endpoint shows it to administrators only', () => {
  it('a review reason sent through the client is ciphertext in the history, and decodes through /codec/decode for an admin', async () => {
    const [applicant, reviewer, admin] = await Promise.all([signUpApplicant(ctx), signInReviewer(ctx, '110105'), signInAdmin(ctx)]);
    const id = await fillDraft(ctx, applicant.token, accountantForm());
    await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    const reason = `单位证明缺少公章-${randomBytes(4).toString('hex')}`;
    const returned = await ctx.call('POST', `/requests/${id}/review`, {
      token: reviewer.token,
      json: { outcome: 'returned', reasons: [{ target: 'field', path: 'work.unitName', reason }] },
    });
    expect(returned.status).toBe(200);
    await waitForState(ctx, id, 'returned');

    const history = JSON.parse(historyToJSON(await ctx.temporal.workflow.getHandle(`collection-${id}`).fetchHistory()));
    const raw = JSON.stringify(history);
    expect(raw).not.toContain(reason);
    expect(raw).not.toContain(Buffer.from(reason).toString('base64').slice(0, 16));
    const payloads = payloadsIn(history);
    expect(payloads.length).toBeGreaterThan(3);
    expect(new Set(payloads.map((p) => Buffer.from(p.metadata.encoding!, 'base64').toString()))).toEqual(new Set([ENCRYPTED_ENCODING]));
    const patches = patchMarkerContents(history);
    expect(patches.length).toBeGreaterThan(0);
    for (const patch of patches) expect(patch.id).toMatch(/^[a-z-]+$/);
    // Local activities' bookkeeping names the activity and its times, nothing of the person or the reasons.
    expect(localActivityData(history).length).toBeGreaterThan(0);
    for (const data of localActivityData(history)) {
      expect(Object.keys(data)).toEqual(expect.arrayContaining(['activity_type']));
      expect(JSON.stringify(data)).not.toContain(reason);
    }

    const decoded = await ctx.call('POST', '/codec/decode', {
      token: admin.token,
      json: { payloads },
      headers: { 'x-namespace': 'default' },
    });
    expect(decoded.status).toBe(200);
    const plain = decoded.data.payloads.map((p: { data: string }) => Buffer.from(p.data, 'base64').toString('utf8')).join('\n');
    expect(plain).toContain(reason);
    expect(plain).toContain(id);

    // And back: what the endpoint encodes, the workers decode.
    const encoded = await ctx.call('POST', '/codec/encode', { token: admin.token, json: { payloads: decoded.data.payloads.slice(0, 1) } });
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.data.payloads[0].metadata.encoding, 'base64').toString()).toBe(ENCRYPTED_ENCODING);

    for (const [token, status] of [
      [reviewer.token, 403],
      [applicant.token, 403],
      [undefined, 401],
    ] as const) {
      const refused = await ctx.call('POST', '/codec/decode', { token, json: { payloads } });
      expect(refused.status).toBe(status);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(refused.data)).not.toContain(reason);
    }
  });

  it('takes a missing list as empty, as protobuf JSON sends it (the CLI querying a workflow without arguments)', async () => {
    const { token } = await signInAdmin(ctx);
    for (const op of ['encode', 'decode']) {
      const res = await ctx.call('POST', `/codec/${op}`, { token, json: {} });
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ payloads: [] });
    }
  });

  it('gives an administrator a codec session cookie for the Web UI, and nobody else', async () => {
    const [admin, reviewer] = await Promise.all([signInAdmin(ctx), signInReviewer(ctx, '110105')]);
    const [sealed] = await payloadCodecFromEnv(ctx.env).encode([json({ requestId: 'r-cookie' })]);
    const body = JSON.stringify({
      payloads: [
        {
          metadata: Object.fromEntries(Object.entries(sealed!.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
          data: Buffer.from(sealed!.data!).toString('base64'),
        },
      ],
    });
    const signIn = (username: string, password: string) =>
      ctx.app.request('/codec/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }).toString(),
      });

    expect((await ctx.app.request('/codec/sign-in')).headers.get('content-type')).toMatch(/^text\/html/);
    const ok = await signIn(admin.username, admin.password);
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^codec_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/codec/);
    const decoded = await ctx.app.request('/codec/decode', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookie.split(';')[0]! },
      body,
    });
    expect(decoded.status).toBe(200);
    expect(Buffer.from((await decoded.json()).payloads[0].data, 'base64').toString()).toContain('r-cookie');

    const staff = await signIn(reviewer.username, reviewer.password);
    expect(staff.status).toBe(403);
    expect(staff.headers.get('set-cookie')).toBeNull();
    const wrong = await signIn(admin.username, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const forged = await ctx.app.request('/codec/decode', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'codec_session=forged.token.value' },
      body,
    });
    expect(forged.status).toBe(401);
  });

  it('answers the Web UI origin’s preflight, and no other origin', async () => {
    for (const origin of ['http://127.0.0.1:8233', 'http://localhost:8233']) {
      const res = await ctx.app.request('/codec/decode', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-namespace',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    }
    const evil = await ctx.app.request('/codec/decode', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses payloads it cannot decrypt with a problem, not an error', async () => {
    const admin = await signInAdmin(ctx);
    const other = createPayloadCodec(parsePayloadKeys(`elsewhere:${key()}`));
    const [foreign] = await other.encode([json('x')]);
    const body = {
      payloads: [
        {
          metadata: {
            encoding: Buffer.from(foreign!.metadata!.encoding!).toString('base64'),
            'encryption-key-id': Buffer.from('elsewhere').toString('base64'),
          },
          data: Buffer.from(foreign!.data!).toString('base64'),
        },
      ],
    };
    const res = await ctx.call('POST', '/codec/decode', { token: admin.token, json: body });
    expect(res.status).toBe(422);
    expect(res.data.type).toMatch(/payload-key-unknown$/);
  });
});
