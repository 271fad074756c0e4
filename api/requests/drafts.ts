import type { Prisma } from '../../generated/prisma/client.ts';
import { chinaDate } from '../../domain/dates.ts';
import { isUnderReturned } from '../../domain/review.ts';
import type { Actor } from '../../workflows/messages.ts';
import { workflowIdOf } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { validationProblem } from '../validation.ts';
import { editableRequest } from './access.ts';
import { changedPaths } from './changed-paths.ts';
import { formPartSchemas, type FormPart } from './form.ts';
import { latestReturn } from './returns.ts';

export async function createCollectionDraft(deps: ApiDeps, actor: Actor) {
  const id = crypto.randomUUID();
  const request = await deps.db.request.create({
    data: { id, kind: 'collection', applicantId: actor.userId, provinceCode: deps.env.PROVINCE_CODE, workflowId: workflowIdOf('collection', id) },
  });
  return { requestId: request.id, kind: request.kind, state: request.state };
}

/**
 * Saves one part of the form. Each part is checked on its own as it is saved; the whole form again at submit.
 * While returned, only what the reviewer named may change.
 */
export async function saveFormPart(deps: ApiDeps, actor: Actor, id: string, part: FormPart, body: unknown) {
  const request = await editableRequest(deps.db, actor, id);
  const schema = formPartSchemas(deps.env.PROVINCE_CODE, chinaDate(Date.now()))[part];
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationProblem(prefixed(parsed.error, part));
  const form = (request.form ?? {}) as Record<string, unknown>;

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
  const next = { ...form, [part]: parsed.data };
  await deps.db.request.update({ where: { id: request.id }, data: { form: next as Prisma.InputJsonValue } });
  return { requestId: request.id, part, saved: parsed.data };
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
