import { entryOf } from '../../domain/enums.ts';
import { MATERIAL_MAX_BYTES_EXCLUSIVE } from '../../domain/materials.ts';
import { problem } from '../problem.ts';

/**
 * The one answer to a material over its slot's limit (rule materials.tooLarge), 413 whether the body limit
 * cut the upload off or the byte check measured it; the message names the slot's own limit.
 */
export function materialTooLarge(kind: string, measured?: { en: string; zh: string; path?: string }) {
  const limit = Object.hasOwn(MATERIAL_MAX_BYTES_EXCLUSIVE, kind)
    ? MATERIAL_MAX_BYTES_EXCLUSIVE[kind as keyof typeof MATERIAL_MAX_BYTES_EXCLUSIVE]
    : Math.max(...Object.values(MATERIAL_MAX_BYTES_EXCLUSIVE));
  // The slot by its name, as the applicant knows it; a kind the API does not know is not repeated back.
  const named = entryOf('materialKinds', kind);
  const slot = named ? { en: named.en, zh: named.zh } : { en: 'The material', zh: '该材料' };
  // A measured violation already names its slot.
  const en = measured?.en ?? `${slot.en} must be smaller than ${limit / 1024} KB (${limit} bytes); compress it and upload again`;
  const zh = measured?.zh ?? `${slot.zh}应小于${limit / 1024}KB（${limit}字节），请压缩后重新上传`;
  return problem('material-too-large', 413, en, zh, {
    rule: 'materials.tooLarge',
    violations: [{ path: measured?.path ?? `materials.${kind}`, rule: 'materials.tooLarge', en, zh }],
  });
}
