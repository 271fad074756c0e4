import { createRoute, z } from '@hono/zod-openapi';
import { FIRST_YEAR } from '../../domain/continuing-education.ts';
import { json, problemResponses as problemsOf, security } from '../lib/openapi.ts';
import { SECTIONS } from './counts.ts';
import { CSV_TYPE, XLSX_TYPE } from './export.ts';
import { SEARCH_COUNT_CAP } from './search.ts';

// Applicants, and reviewers asking for another district's data: 403; a district not of this province: 400.
const problemResponses = problemsOf({ 400: ['unknown-district'], 403: ['forbidden'] }, { secured: true, query: true });
const peopleProblems = problemsOf(
  { 400: ['unknown-district', 'archive-number-search'], 403: ['forbidden'] },
  { secured: true, query: true },
);
const files = {
  description: 'the file (.xlsx, or CSV in UTF-8 with a byte-order mark)',
  content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) }, [CSV_TYPE]: { schema: z.string() } },
};

const district = z
  .string()
  .regex(/^\d{6}$/)
  .optional()
  .openapi({
    description: "one district (GB/T 2260); administrators only — a reviewer's scope is always their own district",
    example: '110105',
  });
const format = z.enum(['xlsx', 'csv']).default('xlsx');

const StatisticsQuery = z.object({
  sections: z
    .string()
    .regex(new RegExp(`^(${SECTIONS.join('|')})(,(${SECTIONS.join('|')}))*$`))
    .optional()
    .openapi({ description: `comma-separated, default all: ${SECTIONS.join(', ')}`, example: 'people,requests' }),
  year: z.coerce
    .number()
    .int()
    .min(FIRST_YEAR)
    .max(2100)
    .optional()
    .openapi({ description: 'continuing-education year; default this year', example: 2025 }),
  district,
});

const PersonQuery = z.object({
  name: z
    .string()
    .max(50)
    .optional()
    .openapi({ description: 'the beginning of the name, or any part of it with nameMatch=contains', example: '张伟' }),
  nameMatch: z
    .enum(['prefix', 'contains'])
    .default('prefix')
    .openapi({ description: 'prefix: the name begins with it (surname first); contains: anywhere in the name' }),
  archiveNo: z
    .string()
    .regex(/^\s*[0-9A-Za-z]{1,20}\s*$/)
    .optional()
    .openapi({
      description:
        'the whole archive (ID) number, found exactly, or its first six characters at most (the area of issue); a longer beginning of an ID number answers 400 (rule search.archiveNo): numbers are stored encrypted',
      example: '110105',
    }),
  unit: z.string().max(100).optional().openapi({ description: "part of the work unit's name", example: '示例科技' }),
  status: z.enum(['active', 'transferredOut']).optional(),
  district,
});

const Scope = z.object({ provinceCode: z.string(), districtCode: z.string().nullable() }).openapi('StatisticsScope');
const Count = z.object({ code: z.string(), zh: z.string(), en: z.string(), count: z.number() });
const Statistics = z
  .object({
    scope: Scope,
    asOf: z.string(),
    today: z.string(),
    people: z
      .object({
        total: z.number(),
        transferredOut: z.number(),
        byDistrict: z.array(Count),
        bySex: z.array(Count),
        byAgeBand: z.array(Count.extend({ from: z.number().nullable(), to: z.number().nullable() })),
        byQualificationLevel: z.array(Count),
        byEducationLevel: z.array(Count),
      })
      .optional(),
    requests: z
      .object({
        total: z.number(),
        byKind: z.array(Count),
        byState: z.array(Count),
        byKindAndState: z.array(z.object({ kind: z.string(), state: z.string(), count: z.number() })),
        overdueReviews: z.number(),
        overdueDestinations: z.number(),
      })
      .optional(),
    continuingEducation: z
      .object({
        year: z.number(),
        requiredCredits: z.number(),
        professionalShare: z.string(),
        people: z.number(),
        withRecords: z.number(),
        complete: z.number(),
        shortOfCredits: z.number(),
        shortOfProfessionalShare: z.number(),
        noRecords: z.number(),
        completionRate: z.number(),
      })
      .optional(),
  })
  .openapi('Statistics');

const PersonListItem = z
  .object({
    personId: z.string(),
    name: z.string(),
    archiveNo: z.string().openapi({ description: 'masked', example: '110105********123X' }),
    idType: z.string(),
    sex: z.string(),
    districtCode: z.string(),
    districtName: z.string().nullable(),
    unitName: z.string().nullable(),
    mobile: z.string().openapi({ description: 'masked', example: '138****5678' }),
    status: z.string(),
    qualificationLevel: z.string().nullable(),
    educationLevel: z.string().nullable(),
  })
  .openapi('PersonListItem');

export const statisticsRoute = createRoute({
  method: 'get',
  path: '/statistics',
  summary:
    'Live statistics (实时统计): people by district, sex, age band, highest qualification and education; requests by kind and state, overdue; continuing-education completion',
  tags: ['statistics'],
  security,
  request: { query: StatisticsQuery },
  responses: { 200: { description: 'counts in the reader’s scope', content: json(Statistics) }, ...problemResponses },
});
export const statisticsExportRoute = createRoute({
  method: 'get',
  path: '/statistics/export',
  summary: 'The statistics as Excel (.xlsx) or CSV',
  tags: ['statistics'],
  security,
  request: { query: StatisticsQuery.extend({ format }) },
  responses: { 200: files, ...problemResponses },
});
export const searchRoute = createRoute({
  method: 'get',
  path: '/people',
  summary: 'Person search (人员查询) by name, archive number and work unit, in name order; ID and mobile numbers masked',
  tags: ['statistics'],
  security,
  request: {
    query: PersonQuery.extend({
      page: z.coerce.number().int().min(1).max(10_000).default(1),
      pageSize: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: {
      description: 'one page of matching people',
      content: json(
        z.object({
          scope: Scope,
          query: PersonQuery.omit({ district: true })
            .extend({ nameMatch: z.enum(['prefix', 'contains']).optional() })
            .openapi('PersonSearchQuery'),
          page: z.number(),
          pageSize: z.number(),
          total: z.number().openapi({
            description: `how many match, counted up to ${SEARCH_COUNT_CAP} (totalExact false: more than that; the pages go on past it, in list order)`,
          }),
          totalExact: z.boolean(),
          items: z.array(PersonListItem),
        }),
      ),
    },
    ...peopleProblems,
  },
});
export const peopleExportRoute = createRoute({
  method: 'get',
  path: '/people/export',
  summary: 'Every person the search finds, as Excel (.xlsx) or CSV; ID and mobile numbers masked',
  tags: ['statistics'],
  security,
  request: { query: PersonQuery.extend({ format }) },
  responses: {
    200: files,
    ...problemsOf(
      { 400: ['unknown-district', 'archive-number-search'], 403: ['forbidden'], 422: ['export-too-large'] },
      { secured: true, query: true },
    ),
  },
});
