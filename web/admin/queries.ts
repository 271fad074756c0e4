/** The administrator's server state: statistics, person search, records read with a reason, the access log. */
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../api-client/index.ts';
import { api, unwrap } from '../lib/api.ts';

export interface Count {
  code: string;
  zh: string;
  en: string;
  count: number;
}

export type Statistics = components['schemas']['Statistics'];

export type PersonListItem = components['schemas']['PersonListItem'];

export interface PersonSearch {
  name?: string;
  unit?: string;
  archiveNo?: string;
  district?: string;
  page: number;
  pageSize: number;
}

export type AccessLogEntry = components['schemas']['AccessLogEntry'];

export interface Page<T> {
  page: number;
  pageSize: number;
  total: number;
  items: T[];
}

export interface District {
  code: string;
  zh: string;
  en: string;
}

/** Query text left empty is not sent: the API reads an empty parameter as a value. */
const given = <T extends object>(q: T) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

export const useDistricts = () =>
  useQuery({
    queryKey: ['reference', 'districts'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => (await unwrap(api.GET('/reference/districts'))) as { provinceCode: string; districts: District[] },
  });

export const useStatistics = (q: { district?: string; year?: number }) =>
  useQuery({
    queryKey: ['statistics', q],
    queryFn: async () => (await unwrap(api.GET('/statistics', { params: { query: given(q) as never } }))) as unknown as Statistics,
  });

export const usePeople = (q: PersonSearch) =>
  useQuery({
    queryKey: ['people', q],
    placeholderData: (previous) => previous,
    queryFn: async () => (await unwrap(api.GET('/people', { params: { query: given(q) as never } }))) as unknown as Page<PersonListItem>,
  });

/** A person's whole record; each read is logged with the reason given. */
export const usePersonRecord = (personId: string | null, reason: string) =>
  useQuery({
    queryKey: ['people', personId, 'record', reason],
    enabled: personId !== null && reason !== '',
    staleTime: 0,
    gcTime: 0,
    queryFn: async () =>
      (await unwrap(
        api.GET('/people/{personId}/record', { params: { path: { personId: personId! }, query: { reason } as never } }),
      )) as Record<string, unknown>,
  });

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
