/** The applicant's server state, cached and shared between pages. */
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../api-client/index.ts';
import { api, unwrap } from '../lib/api.ts';
import { ApiProblem } from '../lib/problems.ts';
import { requestsApi } from './form-api.ts';

export const keys = {
  mine: ['requests', 'mine'] as const,
  detail: (id: string) => ['requests', id, 'detail'] as const,
  status: (id: string) => ['requests', id, 'status'] as const,
  timeline: (id: string) => ['requests', id, 'timeline'] as const,
  record: ['record', 'me'] as const,
  provinces: ['reference', 'provinces'] as const,
  credits: (year: number) => ['record', 'me', 'credits', year] as const,
};

export const useMyRequests = () => useQuery({ queryKey: keys.mine, queryFn: requestsApi.mine });
export const useRequestDetail = (id: string) => useQuery({ queryKey: keys.detail(id), queryFn: () => requestsApi.detail(id) });
export const useRequestStatus = (id: string) => useQuery({ queryKey: keys.status(id), queryFn: () => requestsApi.status(id) });
export const useTimeline = (id: string) => useQuery({ queryKey: keys.timeline(id), queryFn: () => requestsApi.timeline(id) });

export { type District, useDistricts } from '../lib/reference.ts';

export const useProvinces = () =>
  useQuery({
    queryKey: keys.provinces,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => (await unwrap(api.GET('/reference/provinces'))) as components['schemas']['Province'][],
  });

/** The applicant's linked record, or null before a collection is completed (the API answers 404). */
export const useMyRecord = () =>
  useQuery({
    queryKey: keys.record,
    queryFn: async () => {
      try {
        return (await unwrap(api.GET('/people/{personId}/record', { params: { path: { personId: 'me' } } }))) as Record<string, any>;
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 404) return null;
        throw e;
      }
    },
  });

/** What the applicant can do next about their record (GET /people/me/next-step): change, wait, correct, claim, collect. */
export const useNextStep = (enabled = true) =>
  useQuery({
    queryKey: ['record', 'me', 'next-step'] as const,
    enabled,
    queryFn: async () => (await unwrap(api.GET('/people/me/next-step'))) as components['schemas']['NextStep'],
  });
