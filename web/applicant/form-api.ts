/**
 * Every call the applicant's pages make about requests, in one place: the paths of the form parts and
 * materials are named here only.
 */
import { api, unwrap } from '../lib/api.ts';

// The request vocabulary is the workflows' own (types only: nothing of workflows/ reaches the bundle).
import type { paths } from '../../api-client/index.ts';
import type { RequestKind, RequestState } from '../../workflows/messages.ts';

/** Each form part is its own operation of the document: `/requests/{id}/form/<part>`. */
type FormPartPath = Extract<keyof paths, `/requests/{id}/form/${string}`>;

export type { RequestKind, RequestState };

export interface ReturnReason {
  target: 'field' | 'material';
  path: string;
  reason: string;
}

export interface MaterialView {
  kind: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  uploadedAt: string;
  href: string;
  sha256: string;
}

export interface RequestDetail {
  requestId: string;
  kind: RequestKind;
  state: RequestState;
  round: number;
  districtCode: string | null;
  overdue: boolean;
  submittedAt: string | null;
  reviewDueAt: string | null;
  correctionDueAt: string | null;
  closedReason: string | null;
  commitmentAcceptedAt: string | null;
  form: Record<string, any> | null;
  materials: MaterialView[];
  reviews: { round: number; outcome: string; comment: string | null; decidedAt: string; reasons: ReturnReason[] }[];
}

export interface RequestStatus {
  requestId: string;
  kind: RequestKind;
  state: RequestState;
  round: number;
  districtCode?: string;
  overdue: boolean;
  reviewDueAt?: string;
  correctionDueAt?: string;
  returned?: { round: number; reasons: ReturnReason[]; comment?: string };
  closedReason?: string;
}

export interface TimelineEvent {
  type: string;
  at: string;
  round?: number;
  comment?: string | null;
  reasons?: ReturnReason[];
  reason?: string | null;
}

export interface MyRequest {
  requestId: string;
  kind: RequestKind;
  state: RequestState;
  round: number;
  createdAt: string;
}

const DRAFT_PATHS = {
  collection: '/requests/collection',
  change: '/requests/change',
  transferOut: '/requests/transfer-out',
  transferIn: '/requests/transfer-in',
  districtMove: '/requests/district-move',
} as const;

const path = (id: string) => ({ params: { path: { id } } });

export const requestsApi = {
  async createDraft(kind: RequestKind): Promise<{ requestId: string }> {
    return unwrap(api.POST(DRAFT_PATHS[kind])) as Promise<{ requestId: string }>;
  },
  async mine(): Promise<MyRequest[]> {
    return (await unwrap(api.GET('/requests'))) as unknown as MyRequest[];
  },
  async detail(id: string): Promise<RequestDetail> {
    return (await unwrap(api.GET('/requests/{id}', path(id)))) as unknown as RequestDetail;
  },
  async status(id: string): Promise<RequestStatus> {
    return (await unwrap(api.GET('/requests/{id}/status', path(id)))) as unknown as RequestStatus;
  },
  async timeline(id: string): Promise<{ state: RequestState; events: TimelineEvent[] }> {
    return (await unwrap(api.GET('/requests/{id}/timeline', path(id)))) as unknown as { state: RequestState; events: TimelineEvent[] };
  },
  /** Saves one part of the form; the API checks it at once (400 with violations at `<part>.<field>`). */
  async savePart(id: string, part: string, body: unknown): Promise<void> {
    await unwrap(api.PUT(`/requests/{id}/form/${part}` as FormPartPath, { params: { path: { id } }, body: body as never } as never));
  },
  /** Uploads one material as JPEG bytes; the API checks them at once (422 with the rule). */
  async uploadMaterial(id: string, kind: string, bytes: Blob): Promise<void> {
    await unwrap(
      api.PUT('/requests/{id}/materials/{kind}', {
        params: { path: { id, kind: kind as never } },
        body: bytes as never,
        bodySerializer: (b: unknown) => b as Blob,
        headers: { 'content-type': 'image/jpeg' },
      }),
    );
  },
  materialHref: (id: string, kind: string) => `/requests/${encodeURIComponent(id)}/materials/${encodeURIComponent(kind)}`,
  async acceptCommitment(id: string): Promise<void> {
    await unwrap(api.POST('/requests/{id}/commitment', path(id)));
  },
  async submit(id: string): Promise<RequestStatus> {
    return (await unwrap(api.POST('/requests/{id}/submit', path(id)))) as unknown as RequestStatus;
  },
  async resubmit(id: string): Promise<RequestStatus> {
    return (await unwrap(api.POST('/requests/{id}/resubmit', path(id)))) as unknown as RequestStatus;
  },
};

/** Whether `path` lies under one of the returned paths (`basic` covers `basic.mobile`). */
export function isUnderReturned(path: string, returned: Iterable<string>): boolean {
  for (const p of returned) if (path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`)) return true;
  return false;
}

/** States in which the applicant may still change the request. */
export const isEditable = (state: RequestState) => state === 'draft' || state === 'returned';
