import { z } from '@hono/zod-openapi';
import type { IsoDate } from '../../domain/dates.ts';
import { makeMainlandId } from '../../domain/identity.ts';
import { makeContinuingEducationListSchema } from '../../domain/schemas/continuing-education.ts';
import { makeDistrictMoveSchema, makeTransferInSchema, makeTransferOutSchema } from '../../domain/schemas/transfer.ts';
import { JsonValueSchema } from '../lib/json.ts';
import { FORM_PARTS, formPartSchemas } from './form.ts';

/**
 * The shapes of the form's parts, for the OpenAPI document. A saved part is checked when it is handled,
 * against the deployment's province and today (api/requests/drafts.ts); these are built once for a
 * province with district lists and a far date, which gives the same shapes.
 */
const DOC_PROVINCE = '110000';
const DOC_TODAY = '9999-12-31' as IsoDate;

const collection = formPartSchemas(DOC_PROVINCE, DOC_TODAY);

export const FORM_PART_ROUTES = [...FORM_PARTS, 'continuingEducation', 'transfer', 'move'] as const;
export type FormPartRoute = (typeof FORM_PART_ROUTES)[number];

const pascal = (s: string) => s[0]!.toUpperCase() + s.slice(1);

const shapes: Record<string, z.ZodType> = {
  ...Object.fromEntries(FORM_PARTS.map((p) => [p, collection[p]])),
  continuingEducation: makeContinuingEducationListSchema({ today: DOC_TODAY }),
  transferOut: makeTransferOutSchema({ provinceCode: DOC_PROVINCE }),
  transferIn: makeTransferInSchema({ provinceCode: DOC_PROVINCE, today: DOC_TODAY }),
  move: makeDistrictMoveSchema({ provinceCode: DOC_PROVINCE, today: DOC_TODAY }),
};

/** A part's component name: the id its domain schema carries (domain/schemas), else <Part>Part. */
const nameOf = (key: string) => (shapes[key]?.meta()?.id as string | undefined) ?? `${pascal(key)}Part`;

/** The named components: one per part (the transfer part has one for each direction). */
export const formPartComponents: Record<string, z.ZodType> = Object.fromEntries(
  Object.entries(shapes).map(([key, schema]) => [nameOf(key), schema]),
);

const ref = (key: string) => ({ $ref: `#/components/schemas/${nameOf(key)}` });

/** The body of `PUT /requests/{id}/form/{part}`: a reference, so the handler checks it with the request kind's own schema. */
export function formPartBodySchema(part: FormPartRoute) {
  if (part === 'transfer') return { oneOf: [ref('transferOut'), ref('transferIn')] };
  return ref(part);
}

const examples: Partial<Record<FormPartRoute, unknown>> = {
  situation: 'accountingWork',
  basic: {
    name: '张伟',
    sex: 'male',
    birthDate: '1985-03-12',
    idType: 'mainlandId',
    idNumber: makeMainlandId('110105', '1985-03-12', 1),
    nationality: 'CHN',
    ethnicity: 'han',
    politicalStatus: 'masses',
    mobile: '13912345678',
    email: 'zhangwei@example.com',
    address: '北京市朝阳区建国路1号',
  },
  work: {
    unitName: '北京示例科技有限公司',
    unitKind: 'enterprise',
    unitDistrict: '110105',
    startedOn: '2007-08-01',
    posts: ['cashier', 'financialReporting'],
    administrativePost: 'general',
  },
  district: { code: '110105', basis: 'workUnit' },
  transfer: { toProvince: '130000', toDistrict: '130102', reason: '工作调动' },
  move: { district: { code: '110108', basis: 'workUnit' }, reason: '工作单位迁址' },
};
export const formPartExample = (part: FormPartRoute) => examples[part];

/** What a save answers: the part as stored. */
export const SavedFormPart = z.object({ requestId: z.string(), part: z.string(), saved: JsonValueSchema }).openapi('SavedFormPart');
