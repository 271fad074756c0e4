import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { reviewDecisionSchema, returnReasonSchema } from '../../domain/review.ts';
import { components } from '../../domain/schemas/components.ts';
import { makeContinuingEducationEntrySchema, makeContinuingEducationListSchema } from '../../domain/schemas/continuing-education.ts';
import {
  makeBasicSchema,
  makeCollectionFormSchema,
  makeDistrictChoiceSchema,
  makeDistrictCodeSchema,
  makeDistrictMoveSchema,
  makeEducationEntrySchema,
  makeEducationListSchema,
  makeQualificationEntrySchema,
  makeQualificationListSchema,
  makeStudentSchema,
  makeTransferInSchema,
  makeTransferOutSchema,
  makeWorkSchema,
} from '../../domain/schemas/index.ts';
import { contactChangeSchema, makeCreditRecordSchema, makeTalentSchema } from '../../domain/schemas/person-records.ts';

const options = { provinceCode: '110000', today: '2026-12-01' } as const;

/** Every named schema, built as the API builds it. */
const schemas: Record<keyof typeof components, z.ZodType> = {
  BASIC_PART: makeBasicSchema(options),
  EDUCATION_ENTRY: makeEducationEntrySchema(options),
  EDUCATION_PART: makeEducationListSchema(options),
  WORK_PART: makeWorkSchema(options),
  QUALIFICATION_ENTRY: makeQualificationEntrySchema(options),
  QUALIFICATIONS_PART: makeQualificationListSchema(options),
  STUDENT_PART: makeStudentSchema(options),
  DISTRICT_CODE: makeDistrictCodeSchema(options.provinceCode),
  DISTRICT_PART: makeDistrictChoiceSchema(options),
  COLLECTION_FORM: makeCollectionFormSchema(options),
  TRANSFER_OUT_PART: makeTransferOutSchema(options),
  TRANSFER_IN_PART: makeTransferInSchema(options),
  DISTRICT_MOVE_PART: makeDistrictMoveSchema(options),
  CONTACT_CHANGE: contactChangeSchema,
  TALENT_INPUT: makeTalentSchema(options),
  CREDIT_RECORD_INPUT: makeCreditRecordSchema(options),
  CONTINUING_EDUCATION_ENTRY: makeContinuingEducationEntrySchema(options),
  CONTINUING_EDUCATION_PART: makeContinuingEducationListSchema(options),
  RETURN_REASON: returnReasonSchema,
  REVIEW_DECISION: reviewDecisionSchema,
};

/** The OpenAPI document of a throwaway app with one route per named schema, as the API describes its bodies. */
function documentOf(entries: [string, z.ZodType][]) {
  const app = new OpenAPIHono();
  for (const [key, schema] of entries) {
    const route = createRoute({
      method: 'put',
      path: `/${key}`,
      request: { body: { content: { 'application/json': { schema } }, required: true } },
      responses: { 200: { description: 'saved', content: { 'application/json': { schema } } } },
    });
    app.openapi(route, (c) => c.json({}, 200));
  }
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'components', version: '1' } });
}

describe('the schemas of the form, materials and records are named components of the API document', () => {
  it('every component has a distinct name', () => {
    const ids = Object.values(components).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(Object.keys(components) as (keyof typeof components)[])('%s: its examples are valid input', (key) => {
    for (const example of components[key].examples) {
      const parsed = schemas[key].safeParse(example);
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
  });

  it('a route using a schema refers to it by name; nested named schemas are referred to as well', () => {
    const doc = documentOf(Object.entries(schemas));
    for (const [key, { id, description }] of Object.entries(components)) {
      expect(doc.components?.schemas?.[id], id).toMatchObject({ description });
      const body = doc.paths?.[`/${key}`]?.put?.requestBody as any;
      expect(body.content['application/json'].schema).toEqual({ $ref: `#/components/schemas/${id}` });
    }
    const form = doc.components!.schemas!.CollectionForm as any;
    expect(form.properties.basic).toEqual({ $ref: '#/components/schemas/BasicPart' });
    expect(form.properties.work).toEqual({ $ref: '#/components/schemas/WorkPart' });
    expect((doc.components!.schemas!.EducationPart as any).items).toEqual({ $ref: '#/components/schemas/EducationEntry' });
  });

  it('naming keeps the rule of every refinement on its issue', () => {
    const parsed = makeCollectionFormSchema(options).safeParse({ ...components.COLLECTION_FORM.examples[0], work: undefined });
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ path: ['work'], params: expect.objectContaining({ rule: 'work.required', zh: expect.any(String) }) }),
    ]);
    const district = makeDistrictCodeSchema(options.provinceCode).safeParse('310101');
    expect((district.error?.issues[0] as { params?: unknown } | undefined)?.params).toMatchObject({
      rule: expect.stringMatching(/district/),
    });
  });
});
