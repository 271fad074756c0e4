import { isUnderReturned } from '../../domain/review-rules.ts';
import { entryOf } from '../../domain/enums.ts';
import { checkMaterialBytes } from '../../domain/materials-bytes.ts';
import type { MaterialKindCode } from './form.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { materialTooLarge } from './material-too-large.ts';
import { editableRequest, requestFor } from './access.ts';
import { latestReturn } from './returns.ts';

/** The largest upload any material may be (the 50 KB limit); the stream is cut off past it. */
export const MATERIAL_MAX_BYTES = 50 * 1024;

/**
 * Stores one material: checked on its bytes first (a bad file is refused at once and nothing is stored),
 * then kept in MinIO under a key the system builds from the request and the content hash.
 */
export async function uploadMaterial(deps: ApiDeps, actor: Actor, id: string, kind: MaterialKindCode, bytes: Uint8Array) {
  const request = await editableRequest(deps.db, actor, id);
  if (request.state === 'returned' && !isUnderReturned(`materials.${kind}`, await latestReturn(deps.db, request.id))) {
    throw problem(
      'change-not-returned',
      409,
      `The reviewer did not return the material ${kind}; only returned materials may be replaced`,
      `审核人员未退回「${entryOf('materialKinds', kind)?.zh ?? kind}」，只能重新上传被退回的材料`,
      { paths: [`materials.${kind}`] },
    );
  }
  const checked = await checkMaterialBytes(kind, bytes);
  if (!checked.ok) {
    // One status per rule: too large is 413, whether the body limit or this check finds it.
    const tooLarge = checked.violations.find((v) => v.rule === 'materials.tooLarge');
    if (tooLarge) throw materialTooLarge(kind, tooLarge);
    throw problem(
      'material-rejected',
      422,
      checked.violations.map((v) => v.en).join('; '),
      checked.violations.map((v) => v.zh).join('；'),
      { violations: checked.violations, rule: checked.violations[0]?.rule },
    );
  }
  const { sha256, byteSize, width, height } = checked;
  const objectKey = `requests/${request.id}/${kind}/${sha256}.jpg`;
  await deps.storage.put(objectKey, bytes, 'image/jpeg', { 'x-amz-meta-sha256': sha256 });
  const now = new Date();
  const material = await deps.db.$transaction(async (tx) => {
    await tx.requestMaterial.updateMany({
      where: { requestId: request.id, kind, replacedAt: null, NOT: { objectKey } },
      data: { replacedAt: now },
    });
    return tx.requestMaterial.upsert({
      where: { objectKey },
      create: { requestId: request.id, kind, objectKey, sha256, byteSize, width, height },
      update: { replacedAt: null, uploadedAt: now },
    });
  });
  return { requestId: request.id, kind, sha256, byteSize, width, height, uploadedAt: material.uploadedAt.toISOString() };
}

/** The bytes of a request's current material, for those who may see the request. */
export async function readMaterial(deps: ApiDeps, actor: Actor, id: string, kind: MaterialKindCode) {
  const request = await requestFor(deps.db, actor, id);
  const material = await deps.db.requestMaterial.findFirst({ where: { requestId: request.id, kind, replacedAt: null } });
  if (!material) throw problem('not-found', 404, `No ${kind} has been uploaded for this request`, `该申请尚未上传此材料`);
  return { bytes: await deps.storage.get(material.objectKey), sha256: material.sha256 };
}

export async function currentMaterials(deps: ApiDeps, requestId: string) {
  return deps.db.requestMaterial.findMany({ where: { requestId, replacedAt: null }, orderBy: { kind: 'asc' } });
}
