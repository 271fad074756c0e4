import { z } from '@hono/zod-openapi';

/** Wire schemas of the stand-in; the OpenAPI document is generated from these. */

export const ProvinceCode = z
  .string()
  .regex(/^\d{2}0000$/, 'a six-digit provincial code ending in 0000 (GB/T 2260)')
  .openapi({ description: 'Provincial-level division code (GB/T 2260)', example: '110000' });

export const DistrictCode = z
  .string()
  .regex(/^\d{6}$/, 'a six-digit county-level code (GB/T 2260)')
  .openapi({ description: 'County-level division code in the destination province (GB/T 2260)', example: '110105' });

export const ArchiveNo = z
  .string()
  .regex(/^[0-9A-Z]{5,32}$/, '5 to 32 digits or uppercase letters (ID number with uppercase X, or passport number)')
  .openapi({ description: 'Archive number 档案号: the ID number, or the passport number of a foreigner', example: '11010519491231002X' });

const RequestId = z.string().min(1).max(128);

export const RecordKind = z.enum(['collection', 'change', 'transferImport']).openapi({
  description: 'Why the record is uploaded: 信息采集, 信息变更, or import after a transfer in 调入',
});

export const PersonRecord = z
  .record(z.string(), z.unknown())
  .openapi({ description: "A person's full record; opaque to the platform", example: { name: '张三', idType: 'resident' } });

export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(255).openapi({
    description:
      'Required on every mutating call. Scoped to the acting province. A repeat with the same body replays the stored response and does nothing new; a repeat with a different body is refused (422).',
    example: 'collection-11010519491231002X-upload-1',
  }),
});

const Timestamp = z.string().openapi({ format: 'date-time' });

// --- problems ---

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://national.example/problems/record-owned-elsewhere' }),
    title: z.string().openapi({ description: 'English' }),
    title_zh: z.string().openapi({ description: 'Chinese 中文' }),
    status: z.number().int(),
    detail: z.string().openapi({ description: 'English' }),
    detail_zh: z.string().openapi({ description: 'Chinese 中文' }),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ in: z.string(), path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'validation-failed only: each failed rule' }),
  })
  .loose()
  .openapi('Problem', {
    description:
      'RFC 9457 problem document (application/problem+json). `type` is stable per error; `title`/`detail` are English and `title_zh`/`detail_zh` Chinese.',
  });

// --- provinces ---

export const RegisterProvinceBody = z
  .object({ callbackUrl: z.url({ protocol: /^https?$/ }).openapi({ example: 'http://127.0.0.1:3000/national/events' }) })
  .openapi('RegisterProvince');

export const ProvinceSchema = z
  .object({ province: ProvinceCode, callbackUrl: z.string(), registeredAt: Timestamp, updatedAt: Timestamp })
  .openapi('Province');

// --- records ---

export const UploadRecordBody = z
  .object({ record: PersonRecord, requestId: RequestId.openapi({ description: "The province's request (workflow) id" }), kind: RecordKind })
  .openapi('UploadRecord');

export const UploadResultSchema = z
  .object({
    archiveNo: ArchiveNo,
    province: ProvinceCode,
    version: z.number().int().min(1),
    created: z.boolean().openapi({ description: 'false when the record equals the latest version, which is kept' }),
  })
  .openapi('UploadResult');

export const RecordVersionSchema = z
  .object({
    version: z.number().int().min(1),
    province: ProvinceCode.openapi({ description: 'Province that uploaded this version' }),
    kind: RecordKind,
    requestId: z.string(),
    record: PersonRecord,
    uploadedAt: Timestamp,
  })
  .openapi('RecordVersion');

export const RecordSchema = z
  .object({
    archiveNo: ArchiveNo,
    province: ProvinceCode.openapi({ description: 'Owning province' }),
    version: z.number().int().min(1).openapi({ description: 'Latest version number' }),
    kind: RecordKind,
    requestId: z.string(),
    uploadedBy: ProvinceCode,
    record: PersonRecord,
    uploadedAt: Timestamp,
  })
  .openapi('Record');

export const RecordHistorySchema = z
  .object({
    archiveNo: ArchiveNo,
    province: ProvinceCode.openapi({ description: 'Owning province' }),
    versions: z.array(RecordVersionSchema),
  })
  .openapi('RecordHistory');

// --- transfers ---

/**
 * The documents a transfer carries between provinces (the transfer proof 调转证明). The origin uploads
 * each with the transfer, base64 in the JSON body so that the Idempotency-Key covers it; the destination
 * fetches it by id. Both sides check it: a JPEG (its magic number and end marker), under 50 KB.
 */
export const ATTACHMENT_KINDS = ['transferProof'] as const;
export const ATTACHMENT_MAX_BYTES = 50 * 1024;

export const AttachmentUpload = z
  .object({
    kind: z.enum(ATTACHMENT_KINDS),
    contentType: z.literal('image/jpeg'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .openapi({ description: 'hex SHA-256 of the bytes; checked on upload' }),
    data: z
      .string()
      .max(Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/)
      .openapi({ description: 'the bytes, base64 (RFC 4648 §4); less than 50 KB decoded' }),
  })
  .openapi('AttachmentUpload');

export const AttachmentSchema = z
  .object({
    attachmentId: z.string(),
    kind: z.enum(ATTACHMENT_KINDS),
    contentType: z.literal('image/jpeg'),
    byteSize: z.number().int(),
    sha256: z.string(),
  })
  .openapi('Attachment', { description: 'Fetch the bytes with GET /v1/transfers/{transferId}/attachments/{attachmentId}' });

export const TransferSchema = z
  .object({
    transferId: z.string(),
    direction: z.enum(['push', 'pull']).openapi({ description: 'push: started at the origin; pull: started at the destination' }),
    status: z.enum(['pending', 'accepted', 'refused']),
    archiveNo: ArchiveNo,
    fromProvince: ProvinceCode,
    toProvince: ProvinceCode,
    toDistrict: z.string().nullable(),
    originRequestId: z.string().nullable(),
    destinationRequestId: z.string().nullable(),
    reason: z.string().nullable(),
    createdAt: Timestamp,
    decidedAt: Timestamp.nullable(),
    attachments: z.array(AttachmentSchema).openapi({ description: 'what the origin sent with the transfer' }),
  })
  .openapi('Transfer');

const differentProvinces = (b: { fromProvince: string; toProvince: string }) => b.fromProvince !== b.toProvince;
const differentProvincesRule = { message: 'fromProvince and toProvince must differ', path: ['toProvince'] };

export const StartTransferBody = z
  .object({
    fromProvince: ProvinceCode,
    toProvince: ProvinceCode,
    archiveNo: ArchiveNo,
    originRequestId: RequestId,
    toDistrict: DistrictCode.optional(),
    attachments: z
      .array(AttachmentUpload)
      .max(ATTACHMENT_KINDS.length)
      .optional()
      .openapi({ description: 'the transfer proof (调转证明), at most one of each kind' }),
  })
  .refine(differentProvinces, differentProvincesRule)
  .refine((b) => new Set((b.attachments ?? []).map((a) => a.kind)).size === (b.attachments ?? []).length, {
    message: 'at most one attachment of each kind',
    path: ['attachments'],
  })
  .openapi('StartTransfer');

export const PullTransferBody = z
  .object({
    toProvince: ProvinceCode,
    fromProvince: ProvinceCode,
    archiveNo: ArchiveNo,
    destinationRequestId: RequestId,
    toDistrict: DistrictCode.optional(),
  })
  .refine(differentProvinces, differentProvincesRule)
  .openapi('PullTransfer');

export const PullResultSchema = z
  .object({
    transfer: TransferSchema,
    record: RecordSchema,
    versions: z.array(RecordVersionSchema).openapi({ description: 'Full version history, oldest first' }),
  })
  .openapi('PullResult');

export const DecisionBody = z
  .object({
    decision: z.enum(['accepted', 'refused']),
    reason: z.string().trim().max(2000).optional().openapi({ description: 'Required when refused' }),
    byProvince: ProvinceCode.openapi({ description: 'Must be the destination province' }),
  })
  .refine((b) => b.decision !== 'refused' || (b.reason !== undefined && b.reason.length > 0), {
    message: 'reason is required when the decision is refused',
    path: ['reason'],
  })
  .openapi('TransferDecision');

// --- events ---

export const EventType = z.enum(['transfer.requested', 'transfer.decided', 'transfer.pulled']);

export const EventPayloadSchema = z
  .object({
    eventId: z.string(),
    type: EventType,
    transferId: z.string(),
    archiveNo: ArchiveNo,
    fromProvince: ProvinceCode,
    toProvince: ProvinceCode,
    decision: z.enum(['accepted', 'refused']).optional().openapi({ description: 'transfer.decided only' }),
    reason: z.string().optional().openapi({ description: 'transfer.decided with decision refused' }),
    toDistrict: DistrictCode.optional(),
    occurredAt: Timestamp,
  })
  .openapi('TransferEvent', {
    description:
      'Posted to the callback URL of the province concerned, with header `Idempotency-Key: <eventId>`, until it answers 2xx. ' +
      'transfer.requested goes to the destination; transfer.decided and transfer.pulled go to the origin.',
  });

export const EventRowSchema = z
  .object({
    eventId: z.string(),
    type: EventType,
    status: z.enum(['pending', 'delivered']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: Timestamp,
    nextAttemptAt: Timestamp,
    lastAttemptAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
    payload: EventPayloadSchema,
  })
  .openapi('OutboxEvent');

// --- admin ---

export const FaultsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(120_000),
    failRate: z.number().min(0).max(1),
    down: z.boolean(),
    /** Every record upload answers 409 record-owned-elsewhere, as for a record another province owns: a refusal for good. */
    refuseUploads: z.boolean(),
    /** Every POST /v1/transfers and /v1/transfer-pulls answers 409 record-owned-elsewhere: a transfer refused for good. */
    refuseTransfers: z.boolean(),
  })
  .openapi('Faults');

export const FaultsBody = FaultsSchema.partial().strict().openapi('SetFaults', {
  description: 'Replaces the current faults; omitted fields are reset to none.',
});
