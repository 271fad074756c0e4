import type { RequestInput } from '../../workflows/messages.ts';
import { DistrictCodeKey, ProvinceCodeKey, RequestKindKey, RequestStateKey, ReviewOverdueKey } from '../../workflows/search-attributes.ts';

/** The search attributes a request's workflow starts with (the workflow keeps them current). */
export function searchAttributesOf(input: RequestInput) {
  return [
    { key: RequestKindKey, value: input.kind },
    { key: RequestStateKey, value: 'draft' },
    { key: DistrictCodeKey, value: input.districtCode },
    { key: ProvinceCodeKey, value: input.provinceCode },
    { key: ReviewOverdueKey, value: false },
  ];
}
