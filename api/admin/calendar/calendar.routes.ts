import { createRoute, z } from '@hono/zod-openapi';
import { json, problemResponses, security } from '../../lib/openapi.ts';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .openapi({ example: '2027-01-01' });

export const ArrangementBody = z
  .object({
    source: z.string().trim().min(2).max(200).openapi({ example: '国务院办公厅关于2027年部分节假日安排的通知' }),
    holidays: z.array(Day).min(1).max(60).openapi({ description: 'every day off (放假), YYYY-MM-DD' }),
    workdays: z.array(Day).max(20).openapi({ description: 'the weekend days worked instead (调休上班)' }),
  })
  .openapi('HolidayArrangementBody');

const Arrangement = z
  .object({
    year: z.number().int(),
    source: z.string(),
    holidays: z.array(z.string()),
    workdays: z.array(z.string()),
    loaded: z.boolean().openapi({ description: "false: the repository's data; true: loaded by an administrator" }),
  })
  .openapi('HolidayArrangement');

const YearParam = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .openapi({ param: { name: 'year', in: 'path' }, example: 2027 }),
});

const tags = ['admin'];

export const listArrangementsRoute = createRoute({
  method: 'get',
  path: '/admin/holiday-arrangements',
  summary: "The State Council's holiday arrangements working-day deadlines are counted with, by year",
  tags,
  security,
  responses: {
    200: { description: 'every year known', content: json(z.array(Arrangement)) },
    ...problemResponses({}, { secured: 'role' }),
  },
});

export const loadArrangementRoute = createRoute({
  method: 'put',
  path: '/admin/holiday-arrangements/{year}',
  summary: "Load a year's holiday arrangement once published; running requests count their due dates again with it",
  tags,
  security,
  request: { params: YearParam, body: { content: { 'application/json': { schema: ArrangementBody } }, required: true } },
  responses: {
    200: {
      description: 'loaded; `signalled`: the running requests told of it',
      content: json(Arrangement.extend({ signalled: z.number().int() })),
    },
    ...problemResponses({ 404: ['not-found'], 422: ['holiday-arrangement-invalid'] }, { secured: 'role', body: true, query: true }),
  },
});
