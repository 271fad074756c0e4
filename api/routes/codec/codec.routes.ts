import { createRoute, z } from '@hono/zod-openapi';
import type { Payload } from '@temporalio/common';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { PayloadKeyError, payloadCodecFromEnv } from '../../../clients/payload-codec.ts';
import { createRouter } from '../../app.ts';
import { setCookie } from 'hono/cookie';
import { clientAddress, createSignIn } from '../../accounts/sign-in.ts';
import { requireSession, type AuthEnv } from '../../auth.ts';
import { Credentials } from '../auth/auth.routes.ts';
import { problems } from '../../problem.ts';
import type { ApiDeps } from '../../deps.ts';
import { problem } from '../../problem.ts';

/** The cookie the Temporal Web UI sends (with "include cross-origin credentials") in place of a bearer token. */
export const CODEC_SESSION_COOKIE = 'codec_session';

/**
 * Temporal's remote codec protocol, so the Web UI and the CLI (`--codec-endpoint`) can show what the
 * encrypted payloads say. Administrators only: decoding reveals whatever the workflows carry.
 */
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const JsonPayload = z.object({
  metadata: z.record(z.string().min(1).max(256), base64).nullish(),
  data: base64.nullish(),
});
// Protobuf JSON leaves out an empty list: the CLI sends `{}` for a query without arguments.
const Payloads = z.object({ payloads: z.array(JsonPayload).max(10_000).default([]) }).openapi('CodecPayloads');
const Problem = z
  .object({ type: z.string(), title: z.string(), status: z.number(), detail: z.string(), detail_zh: z.string() })
  .passthrough();
const problemContent = { 'application/problem+json': { schema: Problem } };

const codecRoute = (op: 'encode' | 'decode') =>
  createRoute({
    method: 'post',
    path: `/codec/${op}`,
    tags: ['operations'],
    summary:
      op === 'decode'
        ? 'Temporal remote codec: decrypts payloads for the Web UI or CLI (administrators)'
        : 'Temporal remote codec: encrypts payloads with the current key (administrators)',
    security: [{ bearer: [] }],
    request: { body: { content: { 'application/json': { schema: Payloads } }, required: true } },
    responses: {
      200: { description: 'the payloads, in the same order', content: { 'application/json': { schema: Payloads } } },
      400: { description: 'invalid input', content: problemContent },
      401: { description: 'not signed in', content: problemContent },
      403: { description: 'not an administrator', content: problemContent },
      422: { description: 'a payload does not decrypt with the configured keys', content: problemContent },
    },
  });
export const encodeRoute = codecRoute('encode');
export const decodeRoute = codecRoute('decode');

type JsonPayloadT = z.infer<typeof JsonPayload>;
/** The administrator requireSession put on the context (the router's own type does not declare it). */
const actorOf = (c: unknown) => (c as Context<AuthEnv>).get('actor');
const fromJson = (p: JsonPayloadT): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

export function codecRoutes(deps: ApiDeps) {
  const codec = payloadCodecFromEnv(deps.env);
  const router = createRouter();
  const origins = deps.env.CODEC_CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  // CORS first: the browser's preflight carries no token.
  router.use(
    '/codec/*',
    cors({
      origin: origins,
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['authorization', 'content-type', 'x-namespace'],
      credentials: true,
      maxAge: 600,
    }),
  );
  // A browser session for the Web UI: an administrator signs in on this page once; the cookie is sent
  // only to /codec on this host (same site as the UI: SameSite=Strict), never readable by scripts.
  const signIn = createSignIn(deps);
  router.get('/codec/sign-in', (c) => c.html(signInPage()));
  router.post('/codec/sign-in', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}));
    const parsed = Credentials.safeParse(form);
    if (!parsed.success)
      throw problem('validation-failed', 400, 'Enter a username and a password', '请输入用户名和密码', { rule: 'credentials.required' });
    const session = await signIn(parsed.data, clientAddress(c, deps.env.TRUST_PROXY));
    if (session.user.role !== 'admin') throw problems.forbidden();
    setCookie(c, CODEC_SESSION_COOKIE, session.token, {
      path: '/codec',
      httpOnly: true,
      sameSite: 'Strict',
      secure: (deps.env.PUBLIC_URL ?? '').startsWith('https:'),
      expires: new Date(session.expiresAt),
    });
    deps.log.info({ userId: session.user.id }, 'codec session opened for the Temporal Web UI');
    return c.html(signedInPage(session.expiresAt));
  });
  router.use('/codec/encode', requireSession(deps.tokens, { cookie: CODEC_SESSION_COOKIE }, 'admin'));
  router.use('/codec/decode', requireSession(deps.tokens, { cookie: CODEC_SESSION_COOKIE }, 'admin'));

  const run = async (op: 'encode' | 'decode', actor: AuthEnv['Variables']['actor'], payloads: JsonPayloadT[]) => {
    try {
      const out = await codec[op](payloads.map(fromJson));
      if (op === 'decode')
        deps.log.info({ userId: actor.userId, payloads: payloads.length }, 'payloads decoded through the codec endpoint');
      return { payloads: out.map(toJson) };
    } catch (e) {
      if (!(e instanceof PayloadKeyError)) throw e;
      throw e.code === 'unknown-key'
        ? problem(
            'payload-key-unknown',
            422,
            `${e.message}; add the key to PAYLOAD_KEYS to read payloads encrypted with it`,
            `该数据使用的加密密钥未配置（PAYLOAD_KEYS），无法解密`,
          )
        : problem(
            'payload-not-decryptable',
            422,
            'A payload does not decrypt with its key: it was altered or encrypted with a different key of the same id',
            '数据无法用其密钥解密：可能已被篡改，或使用了同名的其他密钥加密',
          );
    }
  };
  return router
    .openapi(encodeRoute, async (c) => c.json(await run('encode', actorOf(c), c.req.valid('json').payloads), 200))
    .openapi(decodeRoute, async (c) => c.json(await run('decode', actorOf(c), c.req.valid('json').payloads), 200));
}

const page = (body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>解码会话 · Codec session</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">${body}</body></html>`;

function signInPage() {
  return page(`<h1>Temporal 数据解码 · Decode payloads</h1>
<p>管理员登录后，Temporal Web UI 可通过本接口显示加密的工作流数据。<br>Administrators sign in here so the Temporal Web UI can show the encrypted payloads.</p>
<form method="post" action="/codec/sign-in">
<p><label>用户名 Username <input name="username" autocomplete="username" required></label></p>
<p><label>密码 Password <input name="password" type="password" autocomplete="current-password" required></label></p>
<p><button type="submit">登录 Sign in</button></p></form>`);
}

function signedInPage(expiresAt: string) {
  return page(`<h1>已登录 · Signed in</h1>
<p>在 Temporal Web UI（与本页同为 127.0.0.1 或同为 localhost）点击顶栏的 Codec Server 按钮，选择“Use my browser setting and ignore Cluster-level setting.”，
在 Codec Server browser endpoint 中填写本接口的 /codec 地址，打开“Include cross-origin credentials”，点击 Apply。会话有效期至 ${expiresAt}。<br>
In the Temporal Web UI (opened on the same host name as this page: 127.0.0.1 or localhost, not one of each), click Codec Server in the top bar,
choose "Use my browser setting and ignore Cluster-level setting.", enter this API's /codec address as the Codec Server browser endpoint,
switch on "Include cross-origin credentials" and Apply. The session lasts until ${expiresAt}.</p>`);
}
