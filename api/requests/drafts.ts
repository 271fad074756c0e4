import type { Prisma } from '../../generated/prisma/client.ts';
import { chinaDate } from '../../domain/dates.ts';
import { isUnderReturned } from '../../domain/review-rules.ts';
import type { Actor, RequestKind } from '../../workflows/messages.ts';
import { workflowIdOf } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import type { JsonValue } from '../lib/json.ts';
import { validationProblem, violationsProblem } from '../validation.ts';
import { editableRequest } from './access.ts';
import { changedPaths } from './changed-paths.ts';
import { specOf } from './kinds/index.ts';
import { latestReturn } from './returns.ts';

export async function createDraft(deps: ApiDeps, actor: Actor, kind: RequestKind) {
  const start = await specOf(kind).newDraft(deps, actor);
  const id = crypto.randomUUID();
  const request = await deps.db.request.create({
    data: { id, kind, applicantId: actor.userId, provinceCode: deps.env.PROVINCE_CODE, workflowId: workflowIdOf(kind, id), ...start },
  });
  return { requestId: request.id, kind: request.kind, state: request.state };
}

/**
 * Saves one part of the form. Each part is checked on its own as it is saved; the whole form again at submit.
 * While returned, only what the reviewer named may change.
 */
export async function saveFormPart(deps: ApiDeps, actor: Actor, id: string, part: string, body: unknown) {
  const request = await editableRequest(deps.db, actor, id);
  const spec = specOf(request.kind);
  const schemas = spec.partSchemas(deps.env.PROVINCE_CODE, chinaDate(Date.now()));
  const schema = Object.hasOwn(schemas, part) ? schemas[part] : undefined;
  if (!schema) {
    throw problem(
      'unknown-form-part',
      404,
      `A ${request.kind} request has no part "${part}"; its parts are: ${Object.keys(schemas).join(', ')}`,
      `该类申请没有「${part}」部分，可填写：${Object.keys(schemas).join('、')}`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationProblem(prefixed(parsed.error, part));
  const broken = (await spec.checkSavedPart?.(deps, request, part, parsed.data)) ?? [];
  if (broken.length) throw violationsProblem(broken);
  // The stored form has its ID and mobile numbers sealed; parts are compared and saved opened.
  const form = deps.personalData.openAt('', request.form ?? {}) as Record<string, unknown>;

  if (request.state === 'returned') {
    const returned = await latestReturn(deps.db, request.id);
    const outside = changedPaths(form[part], parsed.data, part).filter((p) => !isUnderReturned(p, returned));
    if (outside.length) {
      throw problem(
        'change-not-returned',
        409,
        `Only what the reviewer returned may be changed; these were not returned: ${outside.join(', ')}`,
        `只能修改审核人员退回的内容，以下内容未被退回：${outside.join('、')}`,
        { paths: outside, returned: [...returned] },
      );
    }
  }
  const next = { ...(request.form as Record<string, unknown>), [part]: deps.personalData.sealAt(part, parsed.data) };
  await deps.db.request.update({ where: { id: request.id }, data: { form: next as Prisma.InputJsonValue } });
  return { requestId: request.id, part, saved: parsed.data as JsonValue };
}

export async function acceptCommitment(deps: ApiDeps, actor: Actor, id: string) {
  const request = await editableRequest(deps.db, actor, id);
  const at = request.commitmentAcceptedAt ?? new Date();
  await deps.db.request.update({ where: { id: request.id }, data: { commitmentAcceptedAt: at } });
  return { requestId: request.id, commitmentAcceptedAt: at.toISOString() };
}

function prefixed<E extends { issues: { path: PropertyKey[] }[] }>(error: E, part: string): E {
  for (const issue of error.issues) issue.path = [part, ...issue.path];
  return error;
}
