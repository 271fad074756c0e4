/** 专业技术资格: qualifications, a list; the highest level counts. */
import { z } from 'zod';
import type { IsoDate } from '../dates.ts';
import { qualificationLevels, qualificationTypes, waysObtained } from '../enums.ts';
import { dateField, enumOf, text } from './fields.ts';
import { components } from './components.ts';

export interface QualificationSchemaOptions {
  today: IsoDate;
}

export function makeQualificationEntrySchema({ today }: QualificationSchemaOptions) {
  return z
    .object({
      type: enumOf(qualificationTypes),
      level: enumOf(qualificationLevels),
      wayObtained: enumOf(waysObtained),
      obtainedOn: dateField({ today, notBefore: '1900-01-01' }),
      /** 证书编号 or, for a reviewed title, the 批文号 of the approval. */
      certificateNo: text(50),
    })
    .meta(components.QUALIFICATION_ENTRY);
}

export function makeQualificationListSchema(options: QualificationSchemaOptions) {
  return z.array(makeQualificationEntrySchema(options)).max(20).meta(components.QUALIFICATIONS_PART);
}

export type QualificationEntry = z.output<ReturnType<typeof makeQualificationEntrySchema>>;
