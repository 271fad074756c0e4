/** An employer unit's server state: its registration, its accountants and the requests naming it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../api-client/index.ts';
import { api, unwrap } from '../lib/api.ts';

export type EmployerUnit = components['schemas']['EmployerUnit'];
export type UnitAccountants = components['schemas']['UnitAccountants'];
export type UnitAccountant = components['schemas']['UnitAccountant'];
export type UnitRequest = components['schemas']['UnitRequest'];
export type UnitRegistration = components['schemas']['UnitRegistration'];

export function useMyUnit() {
  return useQuery({ queryKey: ['unit', 'mine'], queryFn: () => unwrap(api.GET('/units/mine')) });
}

/** Only once the unit is confirmed: before that the API refuses the list. */
export function useUnitAccountants(year: number, enabled: boolean) {
  return useQuery({
    queryKey: ['unit', 'accountants', year],
    enabled,
    queryFn: () => unwrap(api.GET('/units/mine/accountants', { params: { query: { year } } })),
  });
}

export function useConfirmEmployment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/units/mine/requests/{id}/employment-confirmation', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['unit', 'accountants'] }),
  });
}
