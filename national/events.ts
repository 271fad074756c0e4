import { z } from 'zod';

/**
 * Events the national platform posts to a province's registered callback URL, with header
 * `Idempotency-Key: <eventId>`. The platform repeats an event until the province answers 2xx,
 * so the receiver must treat a repeated eventId as already handled (and still answer 2xx).
 *
 * - `transfer.requested` → destination: an origin province started a transfer; a district
 *   reviewer here accepts or refuses it (decideTransfer).
 * - `transfer.decided`   → origin: the destination accepted (the person is transferred out) or refused (with reason).
 * - `transfer.pulled`    → origin: the destination took the record over; the person is transferred out.
 */

const province = z.string().regex(/^\d{2}0000$/);
/**
 * The platform's own identifiers: short and URL-safe. The receiver asks the platform about the
 * transfer by its id, so an unbounded or dot-only id must be refused here, not sent on as a path.
 */
const platformId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/);
const base = {
  eventId: platformId,
  transferId: platformId,
  archiveNo: z.string().min(1).max(64),
  fromProvince: province,
  toProvince: province,
  toDistrict: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  occurredAt: z.string(),
};

export const transferRequestedEventSchema = z.object({ ...base, type: z.literal('transfer.requested') });

export const transferDecidedEventSchema = z.discriminatedUnion('decision', [
  z.object({ ...base, type: z.literal('transfer.decided'), decision: z.literal('accepted'), reason: z.string().max(2000).optional() }),
  z.object({ ...base, type: z.literal('transfer.decided'), decision: z.literal('refused'), reason: z.string().min(1).max(2000) }),
]);

export const transferPulledEventSchema = z.object({ ...base, type: z.literal('transfer.pulled') });

export const nationalEventSchema = z.union([transferRequestedEventSchema, transferDecidedEventSchema, transferPulledEventSchema]);

export type TransferRequestedEvent = z.infer<typeof transferRequestedEventSchema>;
export type TransferDecidedEvent = z.infer<typeof transferDecidedEventSchema>;
export type TransferPulledEvent = z.infer<typeof transferPulledEventSchema>;
export type NationalEvent = z.infer<typeof nationalEventSchema>;
export type NationalEventType = NationalEvent['type'];

/** Validates a received callback body; throws a ZodError naming the failed rule. */
export function parseNationalEvent(body: unknown): NationalEvent {
  return nationalEventSchema.parse(body);
}
