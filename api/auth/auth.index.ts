import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './auth.handlers.ts';
import { loginRoute, registerRoute } from './auth.routes.ts';

export function authRouter(deps: ApiDeps) {
  return createRouter().openapi(registerRoute, h.registerApplicant(deps)).openapi(loginRoute, h.login(deps));
}
