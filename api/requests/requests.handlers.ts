import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { RequestKind } from '../../domain/enums.ts';
import { accessReasonOf, recordAccess } from '../access-log/record-access.ts';
import type { ApiDeps } from '../deps.ts';
import type { AppEnv } from '../lib/create-router.ts';
import { problem } from '../problem.ts';
import { acceptCommitment, createDraft, saveFormPart } from './drafts.ts';
import type { FormPartRoute } from './form-documentation.ts';
import { readMaterial, uploadMaterial } from './materials.ts';
import type * as r from './requests.routes.ts';
import { resubmitRequest, reviewRequest, submitRequest } from './submission.ts';
import { reviewInbox } from './inbox.ts';
import { retryRequest, withdrawRequest } from './withdrawal.ts';
import { myRequests, requestDetail, requestStatus, timeline } from './views.ts';

export type DraftRoute = typeof r.createCollectionRoute;

export const createDraftOf =
  (deps: ApiDeps, kind: RequestKind): RouteHandler<DraftRoute, AppEnv> =>
  async (c) => {
    const actor = c.get('actor');
    if (actor.role !== 'applicant') throw problem('forbidden', 403, 'Only applicants start requests', '只有会计人员本人可以发起申请');
    return c.json(await createDraft(deps, actor, kind), 201);
  };

export const listMine =
  (deps: ApiDeps): RouteHandler<typeof r.listMineRoute, AppEnv> =>
  async (c) =>
    c.json(await myRequests(deps, c.get('actor')), 200);

export const detail =
  (deps: ApiDeps): RouteHandler<typeof r.detailRoute, AppEnv> =>
  async (c) => {
    const reason = accessReasonOf(c);
    const actor = c.get('actor');
    const body = await requestDetail(deps, actor, c.req.valid('param').id);
    await recordAccess(deps, actor, { resource: 'request.detail', reason, requestId: body.requestId });
    return c.json(body, 200);
  };

export const status =
  (deps: ApiDeps): RouteHandler<typeof r.statusRoute, AppEnv> =>
  async (c) =>
    c.json(await requestStatus(deps, c.get('actor'), c.req.valid('param').id, { live: c.req.valid('query').live === 'true' }), 200);

export const showTimeline =
  (deps: ApiDeps): RouteHandler<typeof r.timelineRoute, AppEnv> =>
  async (c) =>
    c.json(await timeline(deps, c.get('actor'), c.req.valid('param').id), 200);

/** The part's body: JSON (already checked to be JSON by api/limits.ts), checked against the request kind's schema by the save. */
async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  // The media types @hono/zod-openapi accepts for a JSON body, so every JSON route takes the same ones.
  if (!/^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i.test(c.req.header('content-type') ?? '')) {
    throw problem('unsupported-media-type', 415, 'Send the body as application/json', '请以 application/json 格式发送请求内容', {
      rule: 'body.mediaType',
    });
  }
  const text = await c.req.text();
  return text.trim() === '' ? undefined : JSON.parse(text);
}

export const savePart =
  (deps: ApiDeps, part: FormPartRoute): RouteHandler<r.SaveFormPartRoute, AppEnv> =>
  async (c) =>
    c.json(await saveFormPart(deps, c.get('actor'), c.req.valid('param').id, part, await jsonBody(c)), 200);

export const upload =
  (deps: ApiDeps): RouteHandler<typeof r.uploadMaterialRoute, AppEnv> =>
  async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^image\/jpeg\b/i.test(type)) {
      throw problem('unsupported-media-type', 415, 'Send the material as image/jpeg bytes', '请以 image/jpeg 格式上传材料', {
        rule: 'material.jpeg',
      });
    }
    const { id, kind } = c.req.valid('param');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await uploadMaterial(deps, c.get('actor'), id, kind, bytes), 200);
  };

export const download =
  (deps: ApiDeps): RouteHandler<typeof r.readMaterialRoute, AppEnv> =>
  async (c) => {
    const reason = accessReasonOf(c);
    const actor = c.get('actor');
    const { id, kind } = c.req.valid('param');
    const { bytes, sha256 } = await readMaterial(deps, actor, id, kind);
    await recordAccess(deps, actor, { resource: 'request.material', reason, requestId: id, materialKind: kind });
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': 'image/jpeg',
      ETag: `"${sha256}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  };

export const commitment =
  (deps: ApiDeps): RouteHandler<typeof r.commitmentRoute, AppEnv> =>
  async (c) =>
    c.json(await acceptCommitment(deps, c.get('actor'), c.req.valid('param').id), 200);

export const submit =
  (deps: ApiDeps): RouteHandler<typeof r.submitRoute, AppEnv> =>
  async (c) =>
    c.json(await submitRequest(deps, c.get('actor'), c.req.valid('param').id), 200);

export const resubmit =
  (deps: ApiDeps): RouteHandler<typeof r.resubmitRoute, AppEnv> =>
  async (c) =>
    c.json(await resubmitRequest(deps, c.get('actor'), c.req.valid('param').id), 200);

export const review =
  (deps: ApiDeps): RouteHandler<typeof r.reviewRoute, AppEnv> =>
  async (c) =>
    c.json(await reviewRequest(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200);

export const withdraw =
  (deps: ApiDeps): RouteHandler<typeof r.withdrawRoute, AppEnv> =>
  async (c) =>
    c.json(await withdrawRequest(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')?.reason), 200);

export const retry =
  (deps: ApiDeps): RouteHandler<typeof r.retryRoute, AppEnv> =>
  async (c) =>
    c.json(await retryRequest(deps, c.get('actor'), c.req.valid('param').id), 200);

export const inbox =
  (deps: ApiDeps): RouteHandler<typeof r.inboxRoute, AppEnv> =>
  async (c) => {
    const { overdue, ...q } = c.req.valid('query');
    return c.json(await reviewInbox(deps, c.get('actor'), { ...q, overdue: overdue === undefined ? undefined : overdue === 'true' }), 200);
  };
