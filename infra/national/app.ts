import { createHash } from 'node:crypto';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { NationalDb, NationalQueries, OutboxRow, ProvinceRow, TransferRow, VersionRow } from './db.ts';
import { createFaultInjector, type FaultInjector } from './faults.ts';
import { ProblemError, problemBody, problemResponse, type ProblemCode } from './problems.ts';
import {
  ArchiveNo,
  DecisionBody,
  EventPayloadSchema,
  EventRowSchema,
  type EventType,
  FaultsBody,
  FaultsSchema,
  IdempotencyHeaders,
  ProblemSchema,
  ProvinceCode,
  ProvinceSchema,
  PullResultSchema,
  PullTransferBody,
  RecordHistorySchema,
  RecordSchema,
  RegisterProvinceBody,
  StartTransferBody,
  TransferSchema,
  UploadRecordBody,
  UploadResultSchema,
} from './schemas.ts';

export type NationalAppConfig = {
  logger?: Logger;
  /** Source of randomness for `failRate`; pass a seeded one for reproducible runs. */
  random?: () => number;
  /** Shared with whoever else needs to see the faults; one is created when omitted. */
  faults?: FaultInjector;
  /** Largest accepted request body (default 1 MiB). */
  bodyLimitBytes?: number;
};

export const openApiConfig = {
  openapi: '3.1.0',
  info: {
    title: 'National accounting-personnel platform (stand-in) 全国会计人员管理服务平台（模拟）',
    version: '1.0.0',
    description: [
      'Development and test stand-in for the Ministry of Finance national platform, whose real interface is not public.',
      '',
      '- Every mutating `/v1` call requires an `Idempotency-Key` header, scoped to the acting province. A repeat with the same',
      '  body replays the stored response (header `Idempotent-Replayed: true`) and does nothing new; a repeat with a different',
      '  body is refused with 422 `idempotency-key-reused`. Only successful responses are stored: a refused call changed nothing,',
      '  so repeating it is evaluated afresh.',
      '- Errors are RFC 9457 `application/problem+json`: `title`/`detail` in English, `title_zh`/`detail_zh` in Chinese.',
      "- Events go to each province's registered callback URL (see webhooks) and are retried with backoff until answered 2xx.",
      '- `/admin/faults` injects latency and 503s into `/v1/*` for tests; a failed call changes nothing.',
    ].join('\n'),
  },
  tags: [
    { name: 'records', description: 'Person records by archive number 档案' },
    { name: 'transfers', description: 'Transfers between provinces 跨省调转' },
    { name: 'provinces', description: 'Province registry and event callbacks' },
    { name: 'admin', description: 'Test controls (not part of the platform interface)' },
  ],
};

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };
const problem = (description: string) => ({ description, content: problemContent });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const commonProblems = {
  400: problem('Validation failed, or the Idempotency-Key header is missing'),
  503: problem('Unavailable (injected fault); nothing was done'),
};

// --- wire mapping ---

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

function transferOut(t: TransferRow): z.infer<typeof TransferSchema> {
  return {
    transferId: t.transferId,
    direction: t.direction,
    status: t.status,
    archiveNo: t.archiveNo,
    fromProvince: t.fromProvince,
    toProvince: t.toProvince,
    toDistrict: t.toDistrict,
    originRequestId: t.originRequestId,
    destinationRequestId: t.destinationRequestId,
    reason: t.reason,
    createdAt: iso(t.createdAt),
    decidedAt: isoOrNull(t.decidedAt),
  };
}

function versionOut(v: VersionRow) {
  return {
    version: v.version,
    province: v.province,
    kind: v.kind,
    requestId: v.requestId,
    record: v.record,
    uploadedAt: iso(v.uploadedAt),
  };
}

function recordOut(owner: string, v: VersionRow): z.infer<typeof RecordSchema> {
  return {
    archiveNo: v.archiveNo,
    province: owner,
    version: v.version,
    kind: v.kind,
    requestId: v.requestId,
    uploadedBy: v.province,
    record: v.record,
    uploadedAt: iso(v.uploadedAt),
  };
}

function provinceOut(p: ProvinceRow): z.infer<typeof ProvinceSchema> {
  return { province: p.province, callbackUrl: p.callbackUrl, registeredAt: iso(p.registeredAt), updatedAt: iso(p.updatedAt) };
}

function eventOut(e: OutboxRow): z.infer<typeof EventRowSchema> {
  return {
    eventId: e.eventId,
    type: e.type as z.infer<typeof EventType>,
    status: e.status,
    attempts: e.attempts,
    lastError: e.lastError,
    createdAt: iso(e.createdAt),
    nextAttemptAt: iso(e.nextAttemptAt),
    lastAttemptAt: isoOrNull(e.lastAttemptAt),
    deliveredAt: isoOrNull(e.deliveredAt),
    payload: e.payload as z.infer<typeof EventPayloadSchema>,
  };
}

type EventPayload = z.infer<typeof EventPayloadSchema>;

/** The event announcing a transfer step; its id is fixed by transfer and type, so it is written once. */
function transferEvent(
  t: TransferRow,
  type: EventPayload['type'],
): { eventId: string; province: string; type: string; payload: EventPayload } {
  const eventId = `${t.transferId}.${type.split('.')[1]}`;
  const payload: EventPayload = {
    eventId,
    type,
    transferId: t.transferId,
    archiveNo: t.archiveNo,
    fromProvince: t.fromProvince,
    toProvince: t.toProvince,
    occurredAt: new Date().toISOString(),
  };
  if (type === 'transfer.decided') {
    payload.decision = t.status === 'refused' ? 'refused' : 'accepted';
    if (t.reason) payload.reason = t.reason;
  }
  if (t.toDistrict) payload.toDistrict = t.toDistrict;
  const province = type === 'transfer.requested' ? t.toProvince : t.fromProvince;
  return { eventId, province, type, payload };
}

/** JSON with sorted keys, so that the same body written in another key order is the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Archive numbers are ID numbers (personal data): problem details show them masked. */
function mask(archiveNo: string): string {
  const keep = archiveNo.length >= 10 ? [6, 4] : [1, 1];
  return archiveNo.slice(0, keep[0]) + '*'.repeat(archiveNo.length - keep[0]! - keep[1]!) + archiveNo.slice(-keep[1]!);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A transfer id derived from who asked and their key: a retried call names the same transfer. */
const transferIdFor = (scope: string, key: string) => `tr_${sha256(`${scope}\n${key}`).slice(0, 24)}`;

function fail(code: ProblemCode, detail: string, detail_zh: string, extensions?: Record<string, unknown>): never {
  throw new ProblemError(code, detail, detail_zh, extensions);
}

const targetName: Record<string, string> = { json: 'body', param: 'path', query: 'query', header: 'header' };

export function createNationalApp({ db, config = {} }: { db: NationalDb; config?: NationalAppConfig }): OpenAPIHono {
  const log = config.logger;
  const faults = config.faults ?? createFaultInjector(config.random);

  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return;
      const where = targetName[result.target] ?? result.target;
      if (result.target === 'header' && result.error.issues.some((i) => i.path[0] === 'idempotency-key')) {
        return problemResponse(
          problemBody(
            'idempotency-key-missing',
            'Every mutating call needs an Idempotency-Key header (1 to 255 characters).',
            '每个修改类请求都必须带 Idempotency-Key 请求头（1 至 255 个字符）。',
            { instance: c.req.path },
          ),
        );
      }
      const errors = result.error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message }));
      const list = errors.map((e) => `${e.in}${e.path ? `.${e.path}` : ''}: ${e.message}`).join('; ');
      return problemResponse(
        problemBody('validation-failed', `Invalid request: ${list}`, `请求参数未通过校验：${list}`, { instance: c.req.path, errors }),
      );
    },
  });

  app.onError((err, c) => {
    if (err instanceof ProblemError) {
      return problemResponse(problemBody(err.code, err.message, err.detail_zh, { ...err.extensions, instance: c.req.path }));
    }
    if (err instanceof HTTPException && err.status < 500) {
      const byStatus: Record<number, [ProblemCode, string, string]> = {
        400: ['malformed-request', 'The request body could not be parsed as JSON.', '请求体无法解析为 JSON。'],
        413: ['payload-too-large', 'The request body exceeds the size limit.', '请求体超过大小限制。'],
        415: ['unsupported-media-type', 'Send the body as application/json.', '请以 application/json 发送请求体。'],
      };
      const [code, detail, detail_zh] = byStatus[err.status] ?? ['validation-failed', err.message, err.message];
      return problemResponse({ ...problemBody(code, detail, detail_zh, { instance: c.req.path }), status: err.status });
    }
    log?.error({ err, path: c.req.path }, 'unhandled error');
    return problemResponse(
      problemBody(
        'internal-error',
        'An unexpected error occurred; the call may be repeated with the same key.',
        '发生意外错误；可使用同一幂等键重试。',
        {
          instance: c.req.path,
        },
      ),
    );
  });

  app.notFound((c) =>
    problemResponse(
      problemBody('not-found', `No route ${c.req.method} ${c.req.path}.`, `没有路由 ${c.req.method} ${c.req.path}。`, {
        instance: c.req.path,
      }),
    ),
  );

  // Faults first, so that a failed call does no work at all.
  app.use('/v1/*', faults.middleware);
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: config.bodyLimitBytes ?? 1024 * 1024,
      onError: () => {
        throw new HTTPException(413);
      },
    }),
  );

  /**
   * Runs one mutating call exactly once per (scope, Idempotency-Key): concurrent repeats wait on a
   * lock, later repeats get the stored response. Work and stored response commit together.
   */
  async function idempotent<T>(
    c: Context,
    scope: string,
    key: string,
    body: unknown,
    work: (q: NationalQueries) => Promise<{ status: 200 | 201; body: T }>,
  ): Promise<{ status: 200 | 201; body: T }> {
    const fingerprint = sha256(canonicalJson({ method: c.req.method, path: c.req.path, body }));
    const outcome = await db.transaction(async (q) => {
      await q.lockIdempotencyKey(scope, key);
      const stored = await q.getStoredResponse(scope, key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          fail(
            'idempotency-key-reused',
            `Idempotency-Key "${key}" was already used by ${scope} for a different request; use a new key for a new request.`,
            `幂等键“${key}”已被 ${scope} 用于另一个不同的请求；新请求请使用新的幂等键。`,
          );
        }
        return { status: stored.status as 200 | 201, body: stored.body as T, replayed: true };
      }
      const result = await work(q);
      await q.storeResponse(scope, key, fingerprint, result.status, result.body);
      return { ...result, replayed: false };
    });
    if (outcome.replayed) c.header('idempotent-replayed', 'true');
    return { status: outcome.status, body: outcome.body };
  }

  // --- health ---

  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['admin'],
      summary: 'Liveness and database check',
      responses: {
        200: json(z.object({ status: z.literal('ok') }), 'Up'),
        503: problem('Database unreachable'),
      },
    }),
    async (c) => {
      try {
        await db.ping();
      } catch {
        fail('service-unavailable', 'The database does not answer.', '数据库无响应。');
      }
      return c.json({ status: 'ok' as const }, 200);
    },
  );

  // --- provinces ---

  const provinceParam = z.object({ province: ProvinceCode.openapi({ param: { name: 'province', in: 'path' } }) });

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/provinces/{province}',
      tags: ['provinces'],
      summary: 'Register a province and its callback URL',
      description: 'Idempotent; a new callback URL replaces the old one and makes waiting events due at once.',
      request: { params: provinceParam, headers: IdempotencyHeaders, body: jsonBody(RegisterProvinceBody) },
      responses: {
        200: json(ProvinceSchema, 'Registered'),
        ...commonProblems,
        422: problem('Idempotency-Key reused for a different request'),
      },
    }),
    async (c) => {
      const { province } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const r = await idempotent(c, province, key, body, async (q) => {
        const row = await q.upsertProvince(province, body.callbackUrl);
        await q.expeditePending(province);
        return { status: 200, body: provinceOut(row!) };
      });
      return c.json(r.body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/provinces/{province}',
      tags: ['provinces'],
      summary: 'A registered province',
      request: { params: provinceParam },
      responses: { 200: json(ProvinceSchema, 'The registration'), 404: problem('Not registered'), ...commonProblems },
    }),
    async (c) => {
      const { province } = c.req.valid('param');
      const row = await db.getProvince(province);
      if (!row) fail('not-found', `Province ${province} is not registered.`, `省份 ${province} 未注册。`);
      return c.json(provinceOut(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/provinces/{province}/events',
      tags: ['provinces'],
      summary: 'Events addressed to a province, with their delivery state',
      request: { params: provinceParam, query: z.object({ status: z.enum(['pending', 'delivered']).optional() }) },
      responses: { 200: json(z.object({ events: z.array(EventRowSchema) }), 'Oldest first'), ...commonProblems },
    }),
    async (c) => {
      const { province } = c.req.valid('param');
      const { status } = c.req.valid('query');
      const rows = await db.listEvents(province, status);
      return c.json({ events: rows.map(eventOut) }, 200);
    },
  );

  // --- records ---

  const archiveParam = ArchiveNo.openapi({ param: { name: 'archiveNo', in: 'path' } });

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/provinces/{province}/records/{archiveNo}',
      tags: ['records'],
      summary: "Upload a person's full record",
      description:
        'Stores a new version when the record differs from the latest one (201), otherwise keeps the latest (200, `created: false`). ' +
        'Only the owning province may upload; ownership changes only by completing a transfer.',
      request: {
        params: z.object({ province: provinceParam.shape.province, archiveNo: archiveParam }),
        headers: IdempotencyHeaders,
        body: jsonBody(UploadRecordBody),
      },
      responses: {
        201: json(UploadResultSchema, 'New version stored'),
        200: json(UploadResultSchema, 'Same as the latest version; nothing stored'),
        409: problem('The record belongs to another province'),
        422: problem('Idempotency-Key reused for a different request'),
        ...commonProblems,
      },
    }),
    async (c) => {
      const { province, archiveNo } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const r = await idempotent(c, province, key, body, async (q) => {
        const archive = await q.lockOrCreateArchive(archiveNo, province);
        if (archive.ownerProvince !== province) {
          fail(
            'record-owned-elsewhere',
            `Archive ${mask(archiveNo)} belongs to province ${archive.ownerProvince}; ${province} may upload it only after a completed transfer.`,
            `档案 ${mask(archiveNo)} 属于省份 ${archive.ownerProvince}；${province} 须在调转完成后才能上传。`,
            { ownerProvince: archive.ownerProvince },
          );
        }
        if (archive.latestVersion > 0 && (await q.sameRecord(archiveNo, archive.latestVersion, body.record))) {
          return { status: 200, body: { archiveNo, province, version: archive.latestVersion, created: false } };
        }
        const v = await q.insertVersion({
          archiveNo,
          version: archive.latestVersion + 1,
          province,
          kind: body.kind,
          requestId: body.requestId,
          record: body.record,
        });
        return { status: 201, body: { archiveNo, province, version: v.version, created: true } };
      });
      return r.status === 201 ? c.json(r.body, 201) : c.json(r.body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/records/{archiveNo}',
      tags: ['records'],
      summary: 'The latest version of a record, and its owning province',
      request: { params: z.object({ archiveNo: archiveParam }) },
      responses: { 200: json(RecordSchema, 'Latest version'), 404: problem('No such record'), ...commonProblems },
    }),
    async (c) => {
      const { archiveNo } = c.req.valid('param');
      const archive = await db.getArchive(archiveNo);
      const latest = archive && (await db.getVersion(archiveNo, archive.latestVersion));
      if (!archive || !latest)
        fail('record-not-found', `No record with archive number ${mask(archiveNo)}.`, `没有档案号为 ${mask(archiveNo)} 的记录。`);
      return c.json(recordOut(archive.ownerProvince, latest), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/records/{archiveNo}/versions',
      tags: ['records'],
      summary: 'Every version of a record, oldest first',
      request: { params: z.object({ archiveNo: archiveParam }) },
      responses: { 200: json(RecordHistorySchema, 'Version history'), 404: problem('No such record'), ...commonProblems },
    }),
    async (c) => {
      const { archiveNo } = c.req.valid('param');
      const archive = await db.getArchive(archiveNo);
      if (!archive)
        fail('record-not-found', `No record with archive number ${mask(archiveNo)}.`, `没有档案号为 ${mask(archiveNo)} 的记录。`);
      const versions = await db.listVersions(archiveNo);
      return c.json({ archiveNo, province: archive.ownerProvince, versions: versions.map(versionOut) }, 200);
    },
  );

  // --- transfers ---

  /** Locks the record and checks it can leave `fromProvince` now. */
  async function lockTransferable(q: NationalQueries, archiveNo: string, fromProvince: string) {
    const archive = await q.lockArchive(archiveNo);
    if (!archive || archive.latestVersion === 0) {
      fail('record-not-found', `No record with archive number ${mask(archiveNo)}.`, `没有档案号为 ${mask(archiveNo)} 的记录。`);
    }
    if (archive.ownerProvince !== fromProvince) {
      fail(
        'record-owned-elsewhere',
        `Archive ${mask(archiveNo)} belongs to province ${archive.ownerProvince}, not to the origin ${fromProvince}.`,
        `档案 ${mask(archiveNo)} 属于省份 ${archive.ownerProvince}，而不是调出地 ${fromProvince}。`,
        { ownerProvince: archive.ownerProvince },
      );
    }
    const pending = await q.getPendingTransfer(archiveNo);
    if (pending) {
      fail(
        'transfer-pending',
        `Transfer ${pending.transferId} of archive ${mask(archiveNo)} (${pending.fromProvince} → ${pending.toProvince}) is still pending.`,
        `档案 ${mask(archiveNo)} 的调转 ${pending.transferId}（${pending.fromProvince} → ${pending.toProvince}）尚未完成。`,
        { transferId: pending.transferId },
      );
    }
    return archive;
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/transfers',
      tags: ['transfers'],
      summary: 'Start a transfer at the origin province (调出)',
      description:
        'The record must exist and belong to `fromProvince`, with no other transfer pending. Creates a pending transfer and ' +
        'sends `transfer.requested` to the destination, which answers with POST /v1/transfers/{transferId}/decision.',
      request: { headers: IdempotencyHeaders, body: jsonBody(StartTransferBody) },
      responses: {
        201: json(TransferSchema, 'Pending transfer'),
        404: problem('No such record'),
        409: problem('The record belongs to another province, or a transfer is already pending'),
        422: problem('Idempotency-Key reused for a different request'),
        ...commonProblems,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const r = await idempotent(c, body.fromProvince, key, body, async (q) => {
        await lockTransferable(q, body.archiveNo, body.fromProvince);
        const t = await q.insertTransfer({
          transferId: transferIdFor(body.fromProvince, key),
          direction: 'push',
          archiveNo: body.archiveNo,
          fromProvince: body.fromProvince,
          toProvince: body.toProvince,
          toDistrict: body.toDistrict ?? null,
          originRequestId: body.originRequestId,
          destinationRequestId: null,
          status: 'pending',
        });
        await q.enqueueEvent(transferEvent(t, 'transfer.requested'));
        return { status: 201, body: transferOut(t) };
      });
      return c.json(r.body, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/transfer-pulls',
      tags: ['transfers'],
      summary: 'Take over a record at the destination province (调入)',
      description:
        'The applicant applied at the destination naming the origin. The record must belong to `fromProvince` with no transfer ' +
        'pending. Ownership moves to `toProvince` at once, the record and its history are returned for import, and the origin ' +
        'receives `transfer.pulled`.',
      request: { headers: IdempotencyHeaders, body: jsonBody(PullTransferBody) },
      responses: {
        201: json(PullResultSchema, 'Accepted transfer, with the record to import'),
        404: problem('No such record'),
        409: problem('The record does not belong to fromProvince, or a transfer is already pending'),
        422: problem('Idempotency-Key reused for a different request'),
        ...commonProblems,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const r = await idempotent(c, body.toProvince, key, body, async (q) => {
        const archive = await lockTransferable(q, body.archiveNo, body.fromProvince);
        const t = await q.insertTransfer({
          transferId: transferIdFor(body.toProvince, key),
          direction: 'pull',
          archiveNo: body.archiveNo,
          fromProvince: body.fromProvince,
          toProvince: body.toProvince,
          toDistrict: body.toDistrict ?? null,
          originRequestId: null,
          destinationRequestId: body.destinationRequestId,
          status: 'accepted',
        });
        await q.setOwner(body.archiveNo, body.toProvince);
        await q.enqueueEvent(transferEvent(t, 'transfer.pulled'));
        const versions = await q.listVersions(body.archiveNo);
        const latest = versions.find((v) => v.version === archive.latestVersion)!;
        return {
          status: 201,
          body: { transfer: transferOut(t), record: recordOut(body.toProvince, latest), versions: versions.map(versionOut) },
        };
      });
      return c.json(r.body, 201);
    },
  );

  const transferParam = z.object({
    transferId: z
      .string()
      .min(1)
      .max(64)
      .openapi({ param: { name: 'transferId', in: 'path' } }),
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/transfers/{transferId}/decision',
      tags: ['transfers'],
      summary: 'The destination accepts or refuses a pending transfer',
      description:
        'Accepted: ownership moves to the destination, which then fetches the record with GET /v1/records/{archiveNo}. ' +
        'Either way the origin receives `transfer.decided` (with the reason when refused).',
      request: { params: transferParam, headers: IdempotencyHeaders, body: jsonBody(DecisionBody) },
      responses: {
        200: json(TransferSchema, 'Decided transfer'),
        403: problem('byProvince is not the destination'),
        404: problem('No such transfer'),
        409: problem('Already decided'),
        422: problem('Idempotency-Key reused for a different request'),
        ...commonProblems,
      },
    }),
    async (c) => {
      const { transferId } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const r = await idempotent(c, body.byProvince, key, body, async (q) => {
        const t = await q.getTransfer(transferId, { forUpdate: true });
        if (!t) fail('transfer-not-found', `No transfer ${transferId}.`, `调转 ${transferId} 不存在。`);
        if (t.toProvince !== body.byProvince) {
          fail(
            'not-transfer-destination',
            `Transfer ${transferId} goes to ${t.toProvince}; ${body.byProvince} cannot decide it.`,
            `调转 ${transferId} 的调入地是 ${t.toProvince}；${body.byProvince} 无权决定。`,
          );
        }
        if (t.status !== 'pending') {
          fail('transfer-already-decided', `Transfer ${transferId} is already ${t.status}.`, `调转 ${transferId} 已是“${t.status}”状态。`, {
            transferStatus: t.status,
          });
        }
        if (body.decision === 'accepted') {
          const archive = await q.lockArchive(t.archiveNo);
          if (!archive || archive.ownerProvince !== t.fromProvince) {
            fail(
              'record-owned-elsewhere',
              `Archive ${mask(t.archiveNo)} no longer belongs to the origin ${t.fromProvince}.`,
              `档案 ${mask(t.archiveNo)} 已不属于调出地 ${t.fromProvince}。`,
            );
          }
          await q.setOwner(t.archiveNo, t.toProvince);
        }
        const decided = await q.decideTransfer(transferId, body.decision, body.decision === 'refused' ? (body.reason ?? null) : null);
        await q.enqueueEvent(transferEvent(decided, 'transfer.decided'));
        return { status: 200, body: transferOut(decided) };
      });
      return c.json(r.body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/transfers/{transferId}',
      tags: ['transfers'],
      summary: 'A transfer and its status',
      request: { params: transferParam },
      responses: { 200: json(TransferSchema, 'The transfer'), 404: problem('No such transfer'), ...commonProblems },
    }),
    async (c) => {
      const { transferId } = c.req.valid('param');
      const t = await db.getTransfer(transferId);
      if (!t) fail('transfer-not-found', `No transfer ${transferId}.`, `调转 ${transferId} 不存在。`);
      return c.json(transferOut(t), 200);
    },
  );

  // --- events sent to provinces (documented as webhooks) ---

  app.openAPIRegistry.registerWebhook({
    method: 'post',
    path: 'transferEvent',
    summary: "Event posted to a province's callback URL",
    description:
      'Retried with exponential backoff until the province answers 2xx; the same event always carries the same ' +
      '`Idempotency-Key` (its eventId), so the province must treat repeats as one.',
    request: {
      headers: z.object({ 'idempotency-key': z.string().openapi({ description: 'The eventId' }) }),
      body: { required: true, content: { 'application/json': { schema: EventPayloadSchema } } },
    },
    responses: { 200: { description: 'Any 2xx acknowledges the event' } },
  });

  // --- admin: faults for tests ---

  app.openapi(
    createRoute({
      method: 'get',
      path: '/admin/faults',
      tags: ['admin'],
      summary: 'Current injected faults',
      responses: { 200: json(FaultsSchema, 'Faults') },
    }),
    (c) => c.json(faults.get(), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/admin/faults',
      tags: ['admin'],
      summary: 'Inject faults into /v1/* (latency, a share of 503s, or down)',
      description: 'No Idempotency-Key needed: setting faults is a test control, not a platform call.',
      request: { body: jsonBody(FaultsBody) },
      responses: { 200: json(FaultsSchema, 'Faults now in force'), 400: problem('Invalid faults') },
    }),
    (c) => c.json(faults.set(c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/admin/faults',
      tags: ['admin'],
      summary: 'Remove every injected fault',
      responses: { 200: json(FaultsSchema, 'No faults') },
    }),
    (c) => c.json(faults.reset(), 200),
  );

  app.doc31('/openapi.json', openApiConfig);
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'National platform stand-in 全国平台模拟' }));

  return app;
}
