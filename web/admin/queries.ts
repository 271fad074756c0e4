/**
 * The administrator's server state: statistics, person search, records read with a reason and their
 * talents and credits, the access log.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '../../api-client/index.ts';
import { api, unwrap } from '../lib/api.ts';

export interface Count {
  code: string;
  zh: string;
  en: string;
  count: number;
}

export type Statistics = components['schemas']['Statistics'];

export type PersonListItem = components['schemas']['PersonListItem'];
/** A page of the person search; its total is counted up to 2,000 (`totalExact` false beyond). */
export type PeoplePage = paths['/people']['get']['responses'][200]['content']['application/json'];

export interface PersonSearch {
  name?: string;
  nameMatch?: 'contains';
  unit?: string;
  archiveNo?: string;
  district?: string;
  page: number;
  pageSize: number;
}

export type AccessLogEntry = components['schemas']['AccessLogEntry'];

export type LinkedRecord = components['schemas']['LinkedRecord'];
export type TalentInput = components['schemas']['HighEndTalentInput'];
export type CreditInput = components['schemas']['CreditRecordInput'];

export type ImportReport = components['schemas']['ContinuingEducationImportReport'];
export type RejectedImportRow = components['schemas']['RejectedImportRow'];

export interface Page<T> {
  page: number;
  pageSize: number;
  total: number;
  items: T[];
}

export type { District } from '../lib/reference.ts';

/** Query text left empty is not sent: the API reads an empty parameter as a value. */
const given = <T extends object>(q: T) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

export { useDistricts } from '../lib/reference.ts';

export const useStatistics = (q: { district?: string; year?: number }) =>
  useQuery({
    queryKey: ['statistics', q],
    queryFn: async () => (await unwrap(api.GET('/statistics', { params: { query: given(q) as never } }))) as unknown as Statistics,
  });

export const usePeople = (q: PersonSearch) =>
  useQuery({
    queryKey: ['people', q],
    placeholderData: (previous) => previous,
    queryFn: async () => (await unwrap(api.GET('/people', { params: { query: given(q) as never } }))) as PeoplePage,
  });

const recordKey = (personId: string | null) => ['people', personId, 'record'] as const;

/** A person's whole record; each read is logged with the reason given. */
export const usePersonRecord = (personId: string | null, reason: string) =>
  useQuery({
    queryKey: [...recordKey(personId), reason],
    enabled: personId !== null && reason !== '',
    staleTime: 0,
    gcTime: 0,
    queryFn: async () =>
      (await unwrap(
        api.GET('/people/{personId}/record', { params: { path: { personId: personId! }, query: { reason } } }),
      )) as unknown as LinkedRecord,
  });

/** Adds a high-end talent record; the record is read again (and that read logged) to show it. */
export function useAddTalent(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: TalentInput) => unwrap(api.POST('/people/{personId}/talents', { params: { path: { personId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: recordKey(personId) }),
  });
}

/** Adds a credit record (守信 / 失信); the record is read again to show it. */
export function useAddCredit(personId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreditInput) => unwrap(api.POST('/people/{personId}/credits', { params: { path: { personId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: recordKey(personId) }),
  });
}

export const useAccessLog = (q: { page: number; pageSize: number; personId?: string }) =>
  useQuery({
    queryKey: ['access-log', q],
    placeholderData: (previous) => previous,
    queryFn: async () =>
      (await unwrap(api.GET('/admin/access-log', { params: { query: given(q) as never } }))) as unknown as Page<AccessLogEntry>,
  });

/** A download link of the API, with the query in its address: the session cookie signs the GET in. */
export function exportHref(path: '/statistics/export' | '/people/export', q: Record<string, string | undefined>): string {
  const params = new URLSearchParams(given(q) as Record<string, string>);
  return `${path}?${params}`;
}
