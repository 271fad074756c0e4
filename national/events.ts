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
const base = {
  eventId: z.string().min(1),
  transferId: z.string().min(1),
  archiveNo: z.string().min(1),
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
  z.object({ ...base, type: z.literal('transfer.decided'), decision: z.literal('accepted'), reason: z.string().optional() }),
  z.object({ ...base, type: z.literal('transfer.decided'), decision: z.literal('refused'), reason: z.string().min(1) }),
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
