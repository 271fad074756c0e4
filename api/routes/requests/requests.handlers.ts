import type { Context } from 'hono';
import type { ReviewDecision } from '../../../domain/review.ts';
import { accessReasonOf, recordAccess } from '../../access-log.ts';
import type { AuthEnv } from '../../auth.ts';
import type { ApiDeps } from '../../deps.ts';
import { problem } from '../../problem.ts';
import { acceptCommitment as accept, createDraft as create, saveFormPart as save } from '../../requests/drafts.ts';
import type { MaterialKindCode } from '../../requests/form.ts';
import type { RequestKind } from '../../../workflows/messages.ts';
import { readMaterial as read, uploadMaterial as upload } from '../../requests/materials.ts';
import { resubmitRequest, reviewRequest, submitRequest } from '../../requests/submission.ts';
import { myRequests, requestStatus, requestDetail, reviewInbox, timeline as events } from '../../requests/views.ts';

type C = Context<AuthEnv>;
const actor = (c: C) => c.get('actor');
const id = (c: C) => c.req.param('id')!;

export const createDraft = (kind: RequestKind) => async (deps: ApiDeps, c: C) => {
  if (actor(c).role !== 'applicant') throw problem('forbidden', 403, 'Only applicants start requests', '只有会计人员本人可以发起申请');
  return c.json(await create(deps, actor(c), kind), 201);
};
export const listMine = async (deps: ApiDeps, c: C) => c.json(await myRequests(deps, actor(c)), 200);
export const detail = async (deps: ApiDeps, c: C) => {
  const reason = accessReasonOf(c);
  const body = await requestDetail(deps, actor(c), id(c));
  await recordAccess(deps, actor(c), { resource: 'request.detail', reason, requestId: body.requestId });
  return c.json(body, 200);
};
export const status = async (deps: ApiDeps, c: C) =>
  c.json(await requestStatus(deps, actor(c), id(c), { live: c.req.query('live') === 'true' }), 200);
export const timeline = async (deps: ApiDeps, c: C) => c.json(await events(deps, actor(c), id(c)), 200);
export const saveFormPart = async (deps: ApiDeps, c: C) =>
  c.json(await save(deps, actor(c), id(c), c.req.param('part')!, (c.req as any).valid('json')), 200);

export const uploadMaterial = async (deps: ApiDeps, c: C) => {
  const type = c.req.header('content-type') ?? '';
  if (!/^image\/jpeg\b/i.test(type)) {
    throw problem('unsupported-media-type', 415, 'Send the material as image/jpeg bytes', '请以 image/jpeg 格式上传材料', {
      rule: 'material.jpeg',
    });
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  return c.json(await upload(deps, actor(c), id(c), c.req.param('kind') as MaterialKindCode, bytes), 200);
};

export const readMaterial = async (deps: ApiDeps, c: C) => {
  const reason = accessReasonOf(c);
  const kind = c.req.param('kind') as MaterialKindCode;
  const { bytes, sha256 } = await read(deps, actor(c), id(c), kind);
  await recordAccess(deps, actor(c), { resource: 'request.material', reason, requestId: id(c), materialKind: kind });
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': 'image/jpeg',
    ETag: `"${sha256}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
};
export const acceptCommitment = async (deps: ApiDeps, c: C) => c.json(await accept(deps, actor(c), id(c)), 200);
export const submit = async (deps: ApiDeps, c: C) => c.json(await submitRequest(deps, actor(c), id(c)), 200);
export const resubmit = async (deps: ApiDeps, c: C) => c.json(await resubmitRequest(deps, actor(c), id(c)), 200);
export const review = async (deps: ApiDeps, c: C) =>
  c.json(await reviewRequest(deps, actor(c), id(c), (c.req as any).valid('json') as ReviewDecision), 200);
export const inbox = async (deps: ApiDeps, c: C) => {
  const q = (c.req as any).valid('query') as { page: number; pageSize: number };
  return c.json(await reviewInbox(deps, actor(c), q.page, q.pageSize), 200);
};
