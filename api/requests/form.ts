import type { z } from 'zod';
import type { IsoDate } from '../../domain/dates.ts';
import { codesOf, materialKinds, situations } from '../../domain/enums.ts';
import { enumOf } from '../../domain/schemas/fields.ts';
import { makeFormPartSchemas } from '../../domain/schemas/form.ts';

/** The parts an applicant saves one at a time; together they are the information form. */
export const FORM_PARTS = ['situation', 'basic', 'education', 'work', 'qualifications', 'student', 'district'] as const;
export type FormPart = (typeof FORM_PARTS)[number];

export const MATERIAL_KINDS = codesOf(materialKinds);
export type MaterialKindCode = (typeof MATERIAL_KINDS)[number];

export function formPartSchemas(provinceCode: string, today: IsoDate): Record<FormPart, z.ZodType> {
  return { ...makeFormPartSchemas({ provinceCode, today }), situation: enumOf(situations) };
}
