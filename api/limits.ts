import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Env } from '../config/env.ts';
import { IMPORT_MAX_BYTES } from '../domain/continuing-education-import.ts';
import { ARCHIVE_IMPORT_MAX_BYTES } from '../domain/archive-import.ts';
import { unsafeTextIn, type UnsafeText } from '../domain/text.ts';
import { problem } from './problem.ts';
import { materialTooLarge } from './requests/material-too-large.ts';
import { MATERIAL_MAX_BYTES } from './requests/materials.ts';

const MATERIAL_UPLOAD = /^\/requests\/[^/]+\/materials\/([^/]+)\/?$/;
const IMPORT = '/admin/continuing-education/import';
const ARCHIVE_IMPORT = '/admin/archive-imports';

export { IMPORT_MAX_BYTES };

const importTooLarge = () =>
  problem(
    'import-too-large',
    413,
    `An import file must be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it, or use tools/import-continuing-education.ts`,
    `导入文件不能超过 ${IMPORT_MAX_BYTES / 1024 / 1024}MB，请拆分文件或使用命令行导入工具`,
    { rule: 'import.tooLarge' },
  );

const archiveTooLarge = () =>
  problem(
    'import-too-large',
    413,
    `An archive upload must be at most ${ARCHIVE_IMPORT_MAX_BYTES / 1024 / 1024} MB; split it, or use tools/import-archive.ts`,
    `存量档案上传不能超过 ${ARCHIVE_IMPORT_MAX_BYTES / 1024 / 1024}MB，请拆分文件或使用命令行导入工具`,
    { rule: 'import.tooLarge' },
  );

const bodyTooLarge = (max: number) =>
  problem('body-too-large', 413, `The request body is larger than allowed (${max} bytes)`, `请求内容超过允许的大小（${max} 字节）`, {
    rule: 'body.tooLarge',
  });

/**
 * Every request body is limited while it streams in, before any handler reads it: material uploads to
 * the material limit, continuing-education and archive imports and the codec endpoint to their own, everything
 * else to BODY_LIMIT_BYTES.
 */
export function limitBodies(env: Pick<Env, 'BODY_LIMIT_BYTES' | 'CODEC_BODY_LIMIT_BYTES'>): MiddlewareHandler {
  const limit = (maxSize: number, tooLarge: () => Error) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw tooLarge();
      },
    });

  const imports = limit(IMPORT_MAX_BYTES, importTooLarge);
  const archives = limit(ARCHIVE_IMPORT_MAX_BYTES, archiveTooLarge);
  const codec = limit(env.CODEC_BODY_LIMIT_BYTES, () => bodyTooLarge(env.CODEC_BODY_LIMIT_BYTES));
  const json = limit(env.BODY_LIMIT_BYTES, () => bodyTooLarge(env.BODY_LIMIT_BYTES));
  return (c, next) => {
    const path = c.req.path;
    const upload = c.req.method === 'PUT' ? MATERIAL_UPLOAD.exec(path) : null;
    if (upload) return limit(MATERIAL_MAX_BYTES, () => materialTooLarge(upload[1] ?? ''))(c, next);
    if (c.req.method === 'POST' && path === IMPORT) return imports(c, next);
    if (c.req.method === 'POST' && path === ARCHIVE_IMPORT) return archives(c, next);
    if (path.startsWith('/codec/')) return codec(c, next);
    return json(c, next);
  };
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

const notStorable = (path: string, kind: UnsafeText) =>
  problem(
    'text-not-storable',
    400,
    `${path}: text may not contain ${kind === 'nul' ? 'NUL characters' : 'unpaired surrogate code units'}`,
    `${path}：文字中不能包含${kind === 'nul' ? '空字符（NUL）' : '不完整的 Unicode 字符'}`,
    {
      rule: 'text.storable',
      violations: [{ path, rule: 'text.storable', en: 'contains characters that cannot be stored', zh: '包含无法保存的字符' }],
    },
  );

/**
 * Query parameters are text too, and reach queries as parameters (a person search by name): a NUL in
 * a name or a value (`?name=a%00b`) is refused here, as in a JSON body, before PostgreSQL refuses it.
 */
export function guardQueryText(): MiddlewareHandler {
  return async (c, next) => {
    if (!c.req.url.includes('?')) return next();
    // The standard parser sees every pair, an empty name (`?=%00`) too, which Hono's query map leaves out.
    for (const [name, value] of new URL(c.req.url).searchParams) {
      const kind = unsafeTextIn(name) ?? unsafeTextIn(value);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in a name are masked before it is quoted
      if (kind) throw notStorable(`query.${name.replace(/[\u0000-\u001f]/g, '?').slice(0, 100)}`, kind);
    }
    return next();
  };
}

/**
 * A JSON body is parsed once here, and refused as a whole when it is not JSON or when any of its
 * strings (or keys) holds text that cannot be stored: NUL, which PostgreSQL rejects deep inside a
 * transaction or an activity, and lone surrogates, which would be stored altered.
 */
export function guardJsonText(): MiddlewareHandler {
  return async (c, next) => {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '') || !c.req.raw.body) return next();
    const text = await c.req.text();
    if (text.trim() === '') return next();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw problem('malformed-json', 400, 'The request body is not valid JSON', '请求内容不是有效的 JSON', { rule: 'body.json' });
    }
    const found = unsafeJsonText(value);
    if (found) throw notStorable(found.path, found.kind);
    return next();
  };
}

/** The first string or key holding unstorable text, walked iteratively (bodies may nest deeply). */
function unsafeJsonText(root: unknown): { path: string; kind: 'nul' | 'loneSurrogate' } | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const kind = unsafeTextIn(v);
      if (kind) return { path: (path || '(body)').slice(0, 200), kind };
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, path ? `${path}.${i}` : String(i)]));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const kind = unsafeTextIn(k);
        if (kind) return { path: (path || '(body)').slice(0, 200), kind };
        stack.push([item, path ? `${path}.${k}` : k]);
      }
    }
  }
  return null;
}
