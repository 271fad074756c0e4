/** Reference data every audience uses: the province's districts (GB/T 2260), fetched once per visit. */
import { useQuery } from '@tanstack/react-query';
import type { components } from '../../api-client/index.ts';
import { api, unwrap } from './api.ts';

export type District = components['schemas']['District'];

export const useDistricts = () =>
  useQuery({
    queryKey: ['reference', 'districts'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => (await unwrap(api.GET('/reference/districts'))) as components['schemas']['Districts'],
  });
