/** How the stand-in's rows are written on the wire: ISO timestamps, the owner of a record, the events it sends. */
import type { z } from '@hono/zod-openapi';
import type { OutboxRow, ProvinceRow, TransferRow, VersionRow } from './db.ts';
import type { EventPayloadSchema, EventRowSchema, EventType, ProvinceSchema, RecordSchema, TransferSchema } from './schemas.ts';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function transferOut(t: TransferRow): z.infer<typeof TransferSchema> {
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
    attachments: t.attachments ?? [],
  };
}

export function versionOut(v: VersionRow) {
  return {
    version: v.version,
    province: v.province,
    kind: v.kind,
    requestId: v.requestId,
    record: v.record,
    uploadedAt: iso(v.uploadedAt),
  };
}

export function recordOut(owner: string, v: VersionRow): z.infer<typeof RecordSchema> {
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

export function provinceOut(p: ProvinceRow): z.infer<typeof ProvinceSchema> {
  return { province: p.province, callbackUrl: p.callbackUrl, registeredAt: iso(p.registeredAt), updatedAt: iso(p.updatedAt) };
}

export function eventOut(e: OutboxRow): z.infer<typeof EventRowSchema> {
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

export type EventPayload = z.infer<typeof EventPayloadSchema>;

/** The event announcing a transfer step; its id is fixed by transfer and type, so it is written once. */
export function transferEvent(
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
