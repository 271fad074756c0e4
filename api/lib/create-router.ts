import { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor } from '../../workflows/messages.ts';
import { validationHook } from '../validation.ts';

/** What a handler finds on the context: the signed-in actor, once the session middleware has run. */
export type AppEnv = { Variables: { actor: Actor; sessionId: string; mustChangePassword: boolean } };

/** Every resource's router: zod-openapi routes whose invalid input answers a validation problem. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
export type Router = ReturnType<typeof createRouter>;
