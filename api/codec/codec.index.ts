import { cors } from 'hono/cors';
import { requireSession } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './codec.handlers.ts';
import { decodeRoute, encodeRoute } from './codec.routes.ts';

export function codecRouter(deps: ApiDeps) {
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
  router.get('/codec/sign-in', h.signInForm);
  router.post('/codec/sign-in', h.openSession(deps));
  const session = requireSession(deps.tokens, { cookie: h.CODEC_SESSION_COOKIE }, 'admin');
  router.use('/codec/encode', session);
  router.use('/codec/decode', session);
  return router.openapi(encodeRoute, h.encode(deps)).openapi(decodeRoute, h.decode(deps));
}
