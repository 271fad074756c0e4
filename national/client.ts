import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export * from './events.ts';

/**
 * The only way the project talks to the national platform (全国会计人员管理服务平台).
 *
 * It never retries: Temporal activities do. Every failure is a `NationalError` whose `retryable`
 * says whether repeating the same call (same idempotency key) can succeed: network errors,
 * timeouts, 5xx and 429 can; any other 4xx (`NationalRejectedError`) cannot, and carries the
 * platform's problem document.
 *
 * Error messages name the operation and the problem type, never an archive number (personal data).
 */

export type RecordKind = 'collection' | 'change' | 'transferImport';
export type PersonRecord = Record<string, unknown>;

export type NationalClientOptions = {
  baseUrl: string;
  /** The province this deployment serves, e.g. '110000'. */
  province: string;
  fetch?: typeof fetch;
  /** Per call, including reading the answer (default 10 s). */
  timeoutMs?: number;
};

// --- responses ---

const provinceSchema = z.object({ province: z.string(), callbackUrl: z.string(), registeredAt: z.string(), updatedAt: z.string() });
const uploadResultSchema = z.object({ archiveNo: z.string(), province: z.string(), version: z.number().int(), created: z.boolean() });
const recordKindSchema = z.enum(['collection', 'change', 'transferImport']);
const recordSchema = z.object({
  archiveNo: z.string(),
  province: z.string(),
  version: z.number().int(),
  kind: recordKindSchema,
  requestId: z.string(),
  uploadedBy: z.string(),
  record: z.record(z.string(), z.unknown()),
  uploadedAt: z.string(),
});
const recordVersionSchema = z.object({
  version: z.number().int(),
  province: z.string(),
  kind: recordKindSchema,
  requestId: z.string(),
  record: z.record(z.string(), z.unknown()),
  uploadedAt: z.string(),
});
const recordHistorySchema = z.object({ archiveNo: z.string(), province: z.string(), versions: z.array(recordVersionSchema) });
const attachmentSchema = z.object({
  attachmentId: z.string(),
  kind: z.enum(['transferProof']),
  contentType: z.literal('image/jpeg'),
  byteSize: z.number().int(),
  sha256: z.string(),
});
const transferSchema = z.object({
  transferId: z.string(),
  direction: z.enum(['push', 'pull']),
  status: z.enum(['pending', 'accepted', 'refused']),
  archiveNo: z.string(),
  fromProvince: z.string(),
  toProvince: z.string(),
  toDistrict: z.string().nullable(),
  originRequestId: z.string().nullable(),
  destinationRequestId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  attachments: z.array(attachmentSchema).default([]),
});
const pullResultSchema = z.object({ transfer: transferSchema, record: recordSchema, versions: z.array(recordVersionSchema) });
const outboxEventSchema = z.object({
  eventId: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'delivered']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
const eventsSchema = z.object({ events: z.array(outboxEventSchema) });

export type ProvinceRegistration = z.infer<typeof provinceSchema>;
/** `created: false` means the record equalled the latest version, which the platform kept. */
export type UploadResult = z.infer<typeof uploadResultSchema>;
/** The latest version; `province` is the owner, `uploadedBy` the province that uploaded this version. */
export type NationalRecord = z.infer<typeof recordSchema>;
export type RecordVersion = z.infer<typeof recordVersionSchema>;
export type RecordHistory = z.infer<typeof recordHistorySchema>;
export type Transfer = z.infer<typeof transferSchema>;
/** A document a transfer carries (the transfer proof), fetched by its id. */
export type TransferAttachment = z.infer<typeof attachmentSchema>;
/** What the origin sends with a transfer: the bytes travel base64 in the call, covered by its idempotency key. */
export type AttachmentUpload = { kind: 'transferProof'; contentType: 'image/jpeg'; sha256: string; bytes: Uint8Array };
export type PullResult = z.infer<typeof pullResultSchema>;
export type OutboxEvent = z.infer<typeof outboxEventSchema>;

/** RFC 9457 problem document; `title`/`detail` English, `title_zh`/`detail_zh` Chinese. */
export type NationalProblem = {
  type: string;
  status: number;
  title?: string;
  title_zh?: string;
  detail?: string;
  detail_zh?: string;
  [extension: string]: unknown;
};

// --- errors ---

export abstract class NationalError extends Error {
  /** True when repeating the same call (same idempotency key) may succeed. */
  abstract readonly retryable: boolean;
  readonly operation: string;
  readonly status: number | undefined;

  constructor(operation: string, message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.operation = operation;
    this.status = status;
  }
}

/** Network error, timeout, 5xx or 429: retry later with the same idempotency key. */
export class NationalUnavailableError extends NationalError {
  override readonly name = 'NationalUnavailableError';
  readonly retryable = true;
  readonly reason: 'network' | 'timeout' | 'server' | 'rate-limited';
  readonly problem: NationalProblem | undefined;
  /** From a Retry-After header, when the platform sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    operation: string,
    reason: NationalUnavailableError['reason'],
    message: string,
    extra: { status?: number; problem?: NationalProblem; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(operation, message, extra.status, { cause: extra.cause });
    this.reason = reason;
    this.problem = extra.problem;
    this.retryAfterMs = extra.retryAfterMs;
  }
}

/** The platform refused the call (4xx): repeating it unchanged cannot succeed. */
export class NationalRejectedError extends NationalError {
  override readonly name = 'NationalRejectedError';
  readonly retryable = false;
  declare readonly status: number;
  readonly problem: NationalProblem;
  /** Last segment of the problem type, e.g. 'record-owned-elsewhere', 'idempotency-key-reused'. */
  readonly code: string;

  constructor(operation: string, status: number, problem: NationalProblem) {
    const code = problemCode(problem.type);
    super(operation, `national ${operation}: ${status} ${code}${problem.title ? ` (${problem.title})` : ''}`, status);
    this.problem = problem;
    this.code = code;
  }
}

/** The platform answered something this client does not understand (contract drift); not retryable. */
export class NationalProtocolError extends NationalError {
  override readonly name = 'NationalProtocolError';
  readonly retryable = false;
}

export function isRetryableNationalError(err: unknown): boolean {
  return err instanceof NationalError && err.retryable;
}

function problemCode(type: string): string {
  const last = type.split('/').filter(Boolean).pop();
  return last && type !== 'about:blank' ? last : 'unknown';
}

const RETRYABLE_4XX = new Set([408, 425, 429]);

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

// --- the client ---

export type NationalClient = ReturnType<typeof createNationalClient>;

type Call = {
  operation: string;
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Answer null instead of throwing on 404. */
  nullOn404?: boolean;
  /** The answer is bytes (a document), not JSON; its problems are still JSON. */
  binary?: true;
  headers?: Record<string, string>;
};

export function createNationalClient(options: NationalClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const province = options.province;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const enc = encodeURIComponent;

  async function call<T>(schema: z.ZodType<T>, c: Call & { nullOn404: true }): Promise<T | null>;
  async function call<T>(schema: z.ZodType<T>, c: Call): Promise<T>;
  async function call<T>(schema: z.ZodType<T>, c: Call): Promise<T | null> {
    const headers: Record<string, string> = {
      accept: c.binary ? '*/*' : 'application/json, application/problem+json',
      ...c.headers,
    };
    if (c.body !== undefined) headers['content-type'] = 'application/json';
    if (c.idempotencyKey !== undefined) headers['idempotency-key'] = c.idempotencyKey;

    let res: Response;
    let text: string;
    let bytes: Uint8Array;
    try {
      res = await doFetch(baseUrl + c.path, {
        method: c.method,
        headers,
        body: c.body === undefined ? undefined : JSON.stringify(c.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      bytes = new Uint8Array(await res.arrayBuffer());
      text = new TextDecoder().decode(bytes);
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new NationalUnavailableError(
        c.operation,
        timedOut ? 'timeout' : 'network',
        timedOut
          ? `national ${c.operation}: no answer within ${timeoutMs} ms`
          : `national ${c.operation}: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }

    let parsed: unknown;
    try {
      parsed = c.binary && res.ok ? bytes : text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }

    if (res.ok) {
      const result = schema.safeParse(parsed);
      if (!result.success) {
        throw new NationalProtocolError(
          c.operation,
          `national ${c.operation}: unexpected ${res.status} answer: ${result.error.issues[0]?.message ?? 'not JSON'}`,
          res.status,
        );
      }
      return result.data;
    }

    const problem: NationalProblem =
      parsed && typeof parsed === 'object' && typeof (parsed as { type?: unknown }).type === 'string'
        ? { ...(parsed as NationalProblem), status: res.status }
        : { type: 'about:blank', status: res.status, title: res.statusText || undefined };

    if (res.status === 404 && c.nullOn404) return null;
    if (res.status >= 500 || RETRYABLE_4XX.has(res.status)) {
      const code = problemCode(problem.type);
      throw new NationalUnavailableError(
        c.operation,
        res.status === 429 ? 'rate-limited' : 'server',
        `national ${c.operation}: ${res.status} ${code}${problem.title ? ` (${problem.title})` : ''}`,
        { status: res.status, problem, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) },
      );
    }
    throw new NationalRejectedError(c.operation, res.status, problem);
  }

  return {
    province,

    /** Registers where the platform posts events for this province. Naturally idempotent, so each call gets a fresh key. */
    registerProvince(callbackUrl: string): Promise<ProvinceRegistration> {
      return call(provinceSchema, {
        operation: 'registerProvince',
        method: 'PUT',
        path: `/v1/provinces/${enc(province)}`,
        body: { callbackUrl },
        idempotencyKey: `register-${randomUUID()}`,
      });
    },

    /** Uploads a person's full record; a new version unless it equals the latest. */
    uploadRecord(a: {
      archiveNo: string;
      record: PersonRecord;
      requestId: string;
      kind: RecordKind;
      idempotencyKey: string;
    }): Promise<UploadResult> {
      return call(uploadResultSchema, {
        operation: 'uploadRecord',
        method: 'PUT',
        path: `/v1/provinces/${enc(province)}/records/${enc(a.archiveNo)}`,
        body: { record: a.record, requestId: a.requestId, kind: a.kind },
        idempotencyKey: a.idempotencyKey,
      });
    },

    /** The latest version and its owner, or null when the platform has no such record. */
    getRecord(archiveNo: string): Promise<NationalRecord | null> {
      return call(recordSchema, { operation: 'getRecord', method: 'GET', path: `/v1/records/${enc(archiveNo)}`, nullOn404: true });
    },

    /** Every version, oldest first, or null when there is no such record. */
    getRecordVersions(archiveNo: string): Promise<RecordHistory | null> {
      return call(recordHistorySchema, {
        operation: 'getRecordVersions',
        method: 'GET',
        path: `/v1/records/${enc(archiveNo)}/versions`,
        nullOn404: true,
      });
    },

    /** Starts a transfer out of this province (调出); the destination is told and decides. */
    startTransfer(a: {
      archiveNo: string;
      toProvince: string;
      originRequestId: string;
      toDistrict?: string;
      attachments?: AttachmentUpload[];
      idempotencyKey: string;
    }): Promise<Transfer> {
      return call(transferSchema, {
        operation: 'startTransfer',
        method: 'POST',
        path: '/v1/transfers',
        body: {
          fromProvince: province,
          toProvince: a.toProvince,
          archiveNo: a.archiveNo,
          originRequestId: a.originRequestId,
          toDistrict: a.toDistrict,
          ...(a.attachments?.length
            ? {
                attachments: a.attachments.map(({ bytes, ...meta }) => ({ ...meta, data: Buffer.from(bytes).toString('base64') })),
              }
            : {}),
        },
        idempotencyKey: a.idempotencyKey,
      });
    },

    /** The bytes of a document a transfer carries; this province must be its origin or its destination. */
    getTransferAttachment(transferId: string, attachmentId: string): Promise<Uint8Array> {
      return call(z.instanceof(Uint8Array), {
        operation: 'getTransferAttachment',
        method: 'GET',
        path: `/v1/transfers/${enc(transferId)}/attachments/${enc(attachmentId)}`,
        headers: { 'x-province': province },
        binary: true,
      });
    },

    /** Takes over a record from the origin province (调入); returns it with its history for import. */
    pullTransfer(a: {
      archiveNo: string;
      fromProvince: string;
      destinationRequestId: string;
      toDistrict?: string;
      idempotencyKey: string;
    }): Promise<PullResult> {
      return call(pullResultSchema, {
        operation: 'pullTransfer',
        method: 'POST',
        path: '/v1/transfer-pulls',
        body: {
          toProvince: province,
          fromProvince: a.fromProvince,
          archiveNo: a.archiveNo,
          destinationRequestId: a.destinationRequestId,
          toDistrict: a.toDistrict,
        },
        idempotencyKey: a.idempotencyKey,
      });
    },

    /** This province, as destination, accepts or refuses a transfer that reached it. */
    decideTransfer(
      a: { transferId: string; idempotencyKey: string } & (
        | { decision: 'accepted'; reason?: undefined }
        | { decision: 'refused'; reason: string }
      ),
    ): Promise<Transfer> {
      return call(transferSchema, {
        operation: 'decideTransfer',
        method: 'POST',
        path: `/v1/transfers/${enc(a.transferId)}/decision`,
        body: { decision: a.decision, reason: a.reason, byProvince: province },
        idempotencyKey: a.idempotencyKey,
      });
    },

    /** A transfer, or null when the platform has none with this id. */
    getTransfer(transferId: string): Promise<Transfer | null> {
      return call(transferSchema, { operation: 'getTransfer', method: 'GET', path: `/v1/transfers/${enc(transferId)}`, nullOn404: true });
    },

    /** Events the platform holds for this province, with their delivery state (inspection). */
    async listEvents(status?: 'pending' | 'delivered'): Promise<OutboxEvent[]> {
      const query = status ? `?status=${status}` : '';
      const res = await call(eventsSchema, {
        operation: 'listEvents',
        method: 'GET',
        path: `/v1/provinces/${enc(province)}/events${query}`,
      });
      return res.events;
    },
  };
}
