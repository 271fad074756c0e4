import { requireRole } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import * as h from './records.handlers.ts';
import * as r from './records.routes.ts';

export function recordsRouter(deps: ApiDeps) {
  const router = createRouter();
  const auth = requireRole(deps.tokens);
  // Exact paths only: other routers own other /people endpoints.
  for (const path of [
    '/people/:personId/record',
    '/people/:personId/contact',
    '/people/:personId/materials/:kind',
    '/people/:personId/continuing-education/status',
    '/people/:personId/talents',
    '/people/:personId/talents/:talentId',
    '/people/:personId/credits',
    '/people/:personId/credits/:creditId',
  ]) {
    router.use(path, auth);
  }
  // Applicants only: what to do next about their record, and the claim of one received here.
  const applicant = requireRole(deps.tokens, 'applicant');
  router.use('/people/me/next-step', applicant);
  router.use('/people/me/claim', applicant);
  return router
    .openapi(r.nextStepRoute, h.nextStep(deps))
    .openapi(r.claimRoute, h.claim(deps))
    .openapi(r.recordRoute, h.record(deps))
    .openapi(r.contactRoute, h.contact(deps))
    .openapi(r.materialRoute, h.material(deps))
    .openapi(r.creditStatusRoute, h.status(deps))
    .openapi(r.listTalentsRoute, h.listTalents(deps))
    .openapi(r.addTalentRoute, h.addTalent(deps))
    .openapi(r.putTalentRoute, h.putTalent(deps))
    .openapi(r.deleteTalentRoute, h.deleteTalent(deps))
    .openapi(r.listCreditsRoute, h.listCredits(deps))
    .openapi(r.addCreditRoute, h.addCredit(deps))
    .openapi(r.putCreditRoute, h.putCredit(deps))
    .openapi(r.deleteCreditRoute, h.deleteCredit(deps));
}
