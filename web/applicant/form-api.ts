/**
 * Every call the applicant's pages make about requests, in one place: the paths of the form parts and
 * materials are named here only.
 */
import { api, unwrap } from '../lib/api.ts';

// The request vocabulary is the workflows' own (types only: nothing of workflows/ reaches the bundle).
import type { components, paths } from '../../api-client/index.ts';
import type { RequestKind, RequestState } from '../../workflows/messages.ts';

export type { RequestKind, RequestState };

type Schemas = components['schemas'];

/** Each form part is its own operation of the document: `/requests/{id}/form/<part>`. */
type FormPartPath = Extract<keyof paths, `/requests/{id}/form/${string}`>;
export type PartName = FormPartPath extends `/requests/{id}/form/${infer P}` ? P : never;
/** A part's body as its operation takes it (BasicPart, EducationPart, TransferOutPart | TransferInPart, …). */
export type PartBody<P extends PartName> = paths[`/requests/{id}/form/${P}`]['put']['requestBody']['content']['application/json'];
/** The parts saved so far, by part name. */
export type FormParts = { [P in PartName]?: PartBody<P> };

export type SituationPart = Schemas['SituationPart'];
export type BasicPart = Schemas['BasicPart'];
export type EducationEntry = Schemas['EducationEntry'];
export type WorkPart = Schemas['WorkPart'];
export type QualificationEntry = Schemas['QualificationEntry'];
export type StudentPart = Schemas['StudentPart'];
export type DistrictPart = Schemas['DistrictPart'];

/** The document answers a request's state as a string; the pages read it in the workflows' vocabulary. */
type InStates<T> = Omit<T, 'state'> & { state: RequestState };

export type ReturnReason = Schemas['ReturnReason'];
export type MaterialView = Schemas['RequestMaterial'];
export type MaterialKind = MaterialView['kind'];
export type RequestDetail = Omit<InStates<Schemas['RequestDetail']>, 'form'> & { form: FormParts | null };
export type RequestStatus = InStates<Schemas['RequestStatus']>;
export type TimelineEvent = Schemas['RequestTimeline']['events'][number];
export type MyRequest = InStates<Schemas['MyRequest']>;

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
    return (await unwrap(api.GET('/requests'))) as MyRequest[];
  },
  async detail(id: string): Promise<RequestDetail> {
    return (await unwrap(api.GET('/requests/{id}', path(id)))) as RequestDetail;
  },
  async status(id: string): Promise<RequestStatus> {
    return (await unwrap(api.GET('/requests/{id}/status', path(id)))) as RequestStatus;
  },
  async timeline(id: string): Promise<InStates<Schemas['RequestTimeline']>> {
    return (await unwrap(api.GET('/requests/{id}/timeline', path(id)))) as InStates<Schemas['RequestTimeline']>;
  },
  /** Saves one part of the form; the API checks it at once (400 with violations at `<part>.<field>`). */
  async savePart<P extends PartName>(id: string, part: P, body: PartBody<P>): Promise<void> {
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
    return (await unwrap(api.POST('/requests/{id}/submit', path(id)))) as RequestStatus;
  },
  async resubmit(id: string): Promise<RequestStatus> {
    return (await unwrap(api.POST('/requests/{id}/resubmit', path(id)))) as RequestStatus;
  },
};

/** Whether `path` lies under one of the returned paths (`basic` covers `basic.mobile`). */
export function isUnderReturned(path: string, returned: Iterable<string>): boolean {
  for (const p of returned) if (path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`)) return true;
  return false;
}

/** States in which the applicant may still change the request. */
export const isEditable = (state: RequestState) => state === 'draft' || state === 'returned';
