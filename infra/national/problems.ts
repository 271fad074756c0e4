/**
 * RFC 9457 problem documents of the stand-in.
 *
 * Language convention: `title` and `detail` are English; `title_zh` and `detail_zh` carry the
 * same text in Chinese (extension members, allowed by RFC 9457 §3.2). `type` is stable per error
 * and is what callers branch on; the last path segment of `type` is the short `code`.
 */
export const PROBLEM_BASE = 'https://national.example/problems/';

export const problemCatalog = {
  'validation-failed': { status: 400, title: 'The request failed validation', title_zh: '请求未通过校验' },
  'malformed-request': { status: 400, title: 'The request body is not valid JSON', title_zh: '请求体不是有效的 JSON' },
  'idempotency-key-missing': { status: 400, title: 'The Idempotency-Key header is required', title_zh: '缺少 Idempotency-Key 请求头' },
  'not-transfer-destination': {
    status: 403,
    title: 'Only the destination province may decide this transfer',
    title_zh: '只有调入地可以决定该调转',
  },
  'not-transfer-party': {
    status: 403,
    title: 'Only the origin and the destination may read what a transfer carries',
    title_zh: '只有调出地和调入地可以读取调转所附材料',
  },
  'not-found': { status: 404, title: 'No such resource', title_zh: '资源不存在' },
  'record-not-found': { status: 404, title: 'No record with this archive number', title_zh: '该档案号没有记录' },
  'transfer-not-found': { status: 404, title: 'No such transfer', title_zh: '调转不存在' },
  'record-owned-elsewhere': { status: 409, title: 'The record belongs to another province', title_zh: '该档案属于其他省份' },
  'transfer-pending': { status: 409, title: 'A transfer of this record is already pending', title_zh: '该档案已有进行中的调转' },
  'transfer-already-decided': { status: 409, title: 'The transfer has already been decided', title_zh: '该调转已有结果' },
  'payload-too-large': { status: 413, title: 'The request body is too large', title_zh: '请求体过大' },
  'attachment-too-large': { status: 413, title: 'An attachment is 50 KB or larger', title_zh: '附件不得达到 50 KB' },
  'attachment-not-jpeg': { status: 415, title: 'An attachment is not a JPEG', title_zh: '附件不是 JPEG 图像' },
  'attachment-digest-mismatch': {
    status: 422,
    title: "An attachment's SHA-256 does not match its bytes",
    title_zh: '附件的 SHA-256 与其内容不符',
  },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json', title_zh: '请求体必须为 application/json' },
  'idempotency-key-reused': {
    status: 422,
    title: 'The Idempotency-Key was already used for a different request',
    title_zh: '该幂等键已用于另一个不同的请求',
  },
  'internal-error': { status: 500, title: 'Internal error', title_zh: '内部错误' },
  'service-unavailable': { status: 503, title: 'The national platform is unavailable', title_zh: '全国平台暂不可用' },
} as const;

export type ProblemCode = keyof typeof problemCatalog;

export type Problem = {
  type: string;
  title: string;
  title_zh: string;
  status: number;
  detail: string;
  detail_zh: string;
  instance?: string;
  [extension: string]: unknown;
};

export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly detail_zh: string;
  readonly extensions: Record<string, unknown>;

  constructor(code: ProblemCode, detail: string, detail_zh: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'ProblemError';
    this.code = code;
    this.detail_zh = detail_zh;
    this.extensions = extensions;
  }

  get status(): number {
    return problemCatalog[this.code].status;
  }
}

export function problemBody(code: ProblemCode, detail: string, detail_zh: string, extensions: Record<string, unknown> = {}): Problem {
  const entry = problemCatalog[code];
  return {
    type: PROBLEM_BASE + code,
    title: entry.title,
    title_zh: entry.title_zh,
    status: entry.status,
    detail,
    detail_zh,
    ...extensions,
  };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
