import type { RouteHandler, z } from '@hono/zod-openapi';
import type { Payload } from '@temporalio/common';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { PayloadKeyError, payloadCodecFromEnv } from '../../clients/payload-codec.ts';
import { Credentials } from '../auth/auth.routes.ts';
import { clientAddress, createSignIn } from '../auth/sign-in.ts';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import { problem, problems } from '../problem.ts';
import { signInPage, signedInPage } from './codec-pages.ts';
import type { JsonPayload, decodeRoute, encodeRoute } from './codec.routes.ts';

/** The cookie the Temporal Web UI sends (with "include cross-origin credentials") in place of a bearer token. */
export const CODEC_SESSION_COOKIE = 'codec_session';

type JsonPayloadT = z.infer<typeof JsonPayload>;
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

function runCodec(deps: ApiDeps, op: 'encode' | 'decode') {
  const codec = payloadCodecFromEnv(deps.env);
  return async (actor: AppEnv['Variables']['actor'], payloads: JsonPayloadT[]) => {
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
}

export const encode = (deps: ApiDeps): RouteHandler<typeof encodeRoute, AppEnv> => {
  const run = runCodec(deps, 'encode');
  return async (c) => c.json(await run(c.get('actor'), c.req.valid('json').payloads), 200);
};

export const decode = (deps: ApiDeps): RouteHandler<typeof decodeRoute, AppEnv> => {
  const run = runCodec(deps, 'decode');
  return async (c) => c.json(await run(c.get('actor'), c.req.valid('json').payloads), 200);
};

export const signInForm = (c: Context) => c.html(signInPage());

/**
 * A browser session for the Web UI: an administrator signs in on this page once; the cookie is sent
 * only to /codec on this host (same site as the UI: SameSite=Strict), never readable by scripts.
 */
export const openSession = (deps: ApiDeps) => {
  const signIn = createSignIn(deps);
  return async (c: Context<AppEnv>) => {
    const form = await c.req.parseBody().catch(() => ({}));
    const parsed = Credentials.safeParse(form);
    if (!parsed.success)
      throw problem('validation-failed', 400, 'Enter a username and a password', '请输入用户名和密码', { rule: 'credentials.required' });
    const session = await signIn(parsed.data, clientAddress(c, deps.env.TRUST_PROXY), {
      kind: 'web',
      userAgent: c.req.header('user-agent'),
    });
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
  };
};
