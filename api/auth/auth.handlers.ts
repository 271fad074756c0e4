import type { RouteHandler } from '@hono/zod-openapi';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import { ProblemError, sendProblem } from '../problem.ts';
import type { loginRoute, registerRoute } from './auth.routes.ts';
import { register } from './register.ts';
import { clientAddress, createSignIn } from './sign-in.ts';

export const registerApplicant =
  (deps: ApiDeps): RouteHandler<typeof registerRoute, AppEnv> =>
  async (c) =>
    c.json(await register(deps, c.req.valid('json')), 201);

export const login = (deps: ApiDeps): RouteHandler<typeof loginRoute, AppEnv> => {
  const signIn = createSignIn(deps);
  return async (c) => {
    try {
      return c.json(
        await signIn(c.req.valid('json'), clientAddress(c, deps.env.TRUST_PROXY), { userAgent: c.req.header('user-agent') }),
        200,
      );
    } catch (e) {
      if (!(e instanceof ProblemError) || e.problem.status !== 429) throw e;
      c.header('Retry-After', String(e.problem.retryAfterSeconds));
      return sendProblem(c, e.problem) as never;
    }
  };
};
