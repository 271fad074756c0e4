import { requireRole } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { createRouter } from '../lib/create-router.ts';
import { z } from 'zod';
import { validationProblem } from '../validation.ts';
import { saveFormPart } from './drafts.ts';
import { FORM_PART_ROUTES, formPartComponents } from './form-documentation.ts';
import * as h from './requests.handlers.ts';
import * as r from './requests.routes.ts';

const PartName = z.object({ part: z.string().regex(/^[a-z][A-Za-z]{1,31}$/) });

export function requestsRouter(deps: ApiDeps) {
  const router = createRouter();
  const auth = requireRole(deps.tokens);
  router.use('/requests', auth);
  router.use('/requests/*', auth);
  router.use('/reviews/*', auth);
  for (const [name, schema] of Object.entries(formPartComponents)) router.openAPIRegistry.register(name, schema);

  router
    .openapi(r.createCollectionRoute, h.createDraftOf(deps, 'collection'))
    .openapi(r.createTransferOutRoute, h.createDraftOf(deps, 'transferOut'))
    .openapi(r.createTransferInRoute, h.createDraftOf(deps, 'transferIn'))
    .openapi(r.createDistrictMoveRoute, h.createDraftOf(deps, 'districtMove'))
    .openapi(r.createChangeRoute, h.createDraftOf(deps, 'change'))
    .openapi(r.listMineRoute, h.listMine(deps))
    .openapi(r.detailRoute, h.detail(deps))
    .openapi(r.statusRoute, h.status(deps))
    .openapi(r.timelineRoute, h.showTimeline(deps))
    .openapi(r.uploadMaterialRoute, h.upload(deps))
    .openapi(r.readMaterialRoute, h.download(deps))
    .openapi(r.commitmentRoute, h.commitment(deps))
    .openapi(r.submitRoute, h.submit(deps))
    .openapi(r.resubmitRoute, h.resubmit(deps))
    .openapi(r.reviewRoute, h.review(deps))
    .openapi(r.withdrawRoute, h.withdraw(deps))
    .openapi(r.retryRoute, h.retry(deps))
    .openapi(r.inboxRoute, h.inbox(deps));
  for (const part of FORM_PART_ROUTES) router.openapi(r.saveFormPartRoutes[part], h.savePart(deps, part));
  // Any other part name: the save answers which parts the request has (unknown-form-part).
  router.put('/requests/:id/form/:part', async (c) => {
    const parsed = PartName.safeParse({ part: c.req.param('part') });
    if (!parsed.success) throw validationProblem(parsed.error);
    return c.json(await saveFormPart(deps, c.get('actor'), c.req.param('id'), parsed.data.part, undefined), 200);
  });
  return router;
}
