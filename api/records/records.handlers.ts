import type { RouteHandler } from '@hono/zod-openapi';
import { accessReasonOf, recordAccess } from '../access-log/record-access.ts';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import { createRateLimiter } from '../auth/rate-limit.ts';
import { ProblemError, refusal } from '../problem.ts';
import { claimRecord, nextStepOf } from './account.ts';
import { changeContact } from './contact.ts';
import type * as r from './records.routes.ts';
import * as tc from './talents-credits.ts';
import { creditStatus, linkedRecord, personMaterial } from './view.ts';

/** Staff reads of a record or its materials are logged with their reason, checked before anything is read. */
export const record =
  (deps: ApiDeps): RouteHandler<typeof r.recordRoute, AppEnv> =>
  async (c) => {
    const actor = c.get('actor');
    const reason = accessReasonOf(c);
    const { personId } = c.req.valid('param');
    const body = await linkedRecord(deps, actor, personId).catch(async (e: unknown) => {
      // An applicant without a record of its own is told what to do instead (collect, claim, wait).
      if (personId === 'me' && actor.role === 'applicant' && e instanceof ProblemError && e.problem.status === 404) {
        throw new ProblemError({ ...e.problem, nextStep: await nextStepOf(deps, actor) });
      }
      throw e;
    });
    await recordAccess(deps, actor, { resource: 'person.record', reason, personId: body.personId });
    return c.json(body, 200);
  };

export const contact =
  (deps: ApiDeps): RouteHandler<typeof r.contactRoute, AppEnv> =>
  async (c) =>
    c.json(await changeContact(deps, c.get('actor'), c.req.valid('param').personId, c.req.valid('json')), 200);

export const material =
  (deps: ApiDeps): RouteHandler<typeof r.materialRoute, AppEnv> =>
  async (c) => {
    const actor = c.get('actor');
    const { personId, kind } = c.req.valid('param');
    const reason = accessReasonOf(c);
    const { bytes, sha256, person } = await personMaterial(deps, actor, personId, kind);
    await recordAccess(deps, actor, { resource: 'person.material', reason, personId: person, materialKind: kind });
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'image/jpeg', ETag: `"${sha256}"`, 'Cache-Control': 'private, no-store' });
  };

export const status =
  (deps: ApiDeps): RouteHandler<typeof r.creditStatusRoute, AppEnv> =>
  async (c) =>
    c.json(await creditStatus(deps, c.get('actor'), c.req.valid('param').personId, c.req.valid('query').year), 200);

export const listTalents =
  (deps: ApiDeps): RouteHandler<typeof r.listTalentsRoute, AppEnv> =>
  async (c) =>
    c.json(await tc.listTalents(deps, c.get('actor'), c.req.valid('param').personId), 200);
export const addTalent =
  (deps: ApiDeps): RouteHandler<typeof r.addTalentRoute, AppEnv> =>
  async (c) =>
    c.json(await tc.saveTalent(deps, c.get('actor'), c.req.valid('param').personId, c.req.valid('json')), 201);
export const putTalent =
  (deps: ApiDeps): RouteHandler<typeof r.putTalentRoute, AppEnv> =>
  async (c) => {
    const { personId, talentId } = c.req.valid('param');
    return c.json(await tc.saveTalent(deps, c.get('actor'), personId, c.req.valid('json'), talentId), 200);
  };
export const deleteTalent =
  (deps: ApiDeps): RouteHandler<typeof r.deleteTalentRoute, AppEnv> =>
  async (c) => {
    const { personId, talentId } = c.req.valid('param');
    await tc.deleteTalent(deps, c.get('actor'), personId, talentId);
    return c.body(null, 204);
  };

export const listCredits =
  (deps: ApiDeps): RouteHandler<typeof r.listCreditsRoute, AppEnv> =>
  async (c) =>
    c.json(await tc.listCredits(deps, c.get('actor'), c.req.valid('param').personId), 200);
export const addCredit =
  (deps: ApiDeps): RouteHandler<typeof r.addCreditRoute, AppEnv> =>
  async (c) =>
    c.json(await tc.saveCredit(deps, c.get('actor'), c.req.valid('param').personId, c.req.valid('json')), 201);
export const putCredit =
  (deps: ApiDeps): RouteHandler<typeof r.putCreditRoute, AppEnv> =>
  async (c) => {
    const { personId, creditId } = c.req.valid('param');
    return c.json(await tc.saveCredit(deps, c.get('actor'), personId, c.req.valid('json'), creditId), 200);
  };
export const deleteCredit =
  (deps: ApiDeps): RouteHandler<typeof r.deleteCreditRoute, AppEnv> =>
  async (c) => {
    const { personId, creditId } = c.req.valid('param');
    await tc.deleteCredit(deps, c.get('actor'), personId, creditId);
    return c.body(null, 204);
  };

export const nextStep =
  (deps: ApiDeps): RouteHandler<typeof r.nextStepRoute, AppEnv> =>
  async (c) =>
    c.json(await nextStepOf(deps, c.get('actor')), 200);

/** Claims that did not match, per account and hour: real-name matching must not become a way to guess who is kept here. */
export const CLAIM_FAILURES_PER_HOUR = 5;

export const claim = (deps: ApiDeps): RouteHandler<typeof r.claimRoute, AppEnv> => {
  const failures = createRateLimiter({ limit: CLAIM_FAILURES_PER_HOUR, windowMs: 3_600_000 });
  return async (c) => {
    const actor = c.get('actor');
    const wait = failures.retryAfterMs(actor.userId);
    if (wait > 0) throw refusal('claim-too-many-attempts', { retryAfterSeconds: Math.ceil(wait / 1000) });
    try {
      return c.json(await claimRecord(deps, actor, c.req.valid('json')), 200);
    } catch (e) {
      if (e instanceof ProblemError && e.problem.type.endsWith('/claim-no-match')) failures.hit(actor.userId);
      throw e;
    }
  };
};
