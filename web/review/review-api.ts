/** The reviewer's reads and decisions: every read of personal data names its reason for the access log. */
import type { components } from '../../api-client/index.ts';
import { api, unwrap } from '../lib/api.ts';
import type { ArrivingPerson } from './arriving-person.tsx';

/** The access log's reason for a reviewer's reads; percent-encoded, as the header carries only ASCII. */
export const ACCESS_REASON = 'review';
export const accessHeaders = { 'X-Access-Reason': encodeURIComponent(ACCESS_REASON) };

export interface ReasonView {
  target: 'field' | 'material';
  path: string;
  reason: string;
}

export interface MaterialView {
  kind: string;
  byteSize: number;
  width: number;
  height: number;
  uploadedAt: string;
  href: string;
}

export interface ReviewView {
  round: number;
  outcome: string;
  comment: string | null;
  decidedAt: string;
  reasons: ReasonView[];
}

export interface CreditWarning {
  id: string;
  kind: string;
  occurredOn: string;
  issuer: string;
  documentNo: string;
  description: string;
}

export interface RequestForReview {
  requestId: string;
  kind: string;
  state: string;
  round: number;
  districtCode: string | null;
  /** Sent by another province: accepted or refused with a reason, never returned for correction. */
  received: boolean;
  overdue: boolean;
  submittedAt: string | null;
  reviewDueAt: string | null;
  form: Record<string, unknown>;
  materials: MaterialView[];
  reviews: ReviewView[];
  creditWarnings?: CreditWarning[];
  /** Transfers in and district moves: who arrives (null when the national record cannot be read now). */
  arriving?: ArrivingPerson | null;
}

/** A review decision, as the API's schema has it. */
export type Decision = components['schemas']['ReviewDecision'];

export const reviewKeys = {
  inbox: ['review', 'inbox'] as const,
  request: (id: string) => ['review', 'request', id] as const,
};

export async function requestForReview(id: string): Promise<RequestForReview> {
  const r = await unwrap(
    api.GET('/requests/{id}', { params: { path: { id }, header: { 'x-access-reason': accessHeaders['X-Access-Reason'] } } }),
  );
  return r as unknown as RequestForReview;
}

export async function decide(id: string, decision: Decision) {
  return unwrap(api.POST('/requests/{id}/review', { params: { path: { id } }, body: decision }));
}

/** The bytes of one material, read with the access reason (an <img src> could not send the header). */
export async function materialBlob(href: string): Promise<Blob> {
  const res = await fetch(href, { credentials: 'same-origin', headers: accessHeaders });
  if (!res.ok) throw new Error(`material ${res.status}`);
  return res.blob();
}
