/** 采集地区: the district the applicant chooses, and why it is theirs. */
import { z } from 'zod';
import { districtBases } from '../enums.ts';
import { districtNotInProvince } from '../jurisdiction.ts';
import { enumOf, text } from './fields.ts';
import { addProblem } from './issues.ts';
import { components } from './components.ts';

/** A current district code of the deployment's province. */
export function makeDistrictCodeSchema(provinceCode: string) {
  return text(6)
    .superRefine((code, ctx) => {
      const p = districtNotInProvince(provinceCode, code);
      if (p) addProblem(ctx, [], p);
    })
    .meta(components.DISTRICT_CODE);
}

export function makeDistrictChoiceSchema({ provinceCode }: { provinceCode: string }) {
  return z
    .object({
      code: makeDistrictCodeSchema(provinceCode),
      basis: enumOf(districtBases),
    })
    .meta(components.DISTRICT_PART);
}

export type DistrictChoiceInput = z.output<ReturnType<typeof makeDistrictChoiceSchema>>;
