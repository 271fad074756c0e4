import type { RouteHandler } from '@hono/zod-openapi';
import { chinaDate } from '../../domain/dates.ts';
import type { AppEnv } from '../lib/create-router.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../problem.ts';
import { SECTIONS, statistics as computeStatistics, type Section } from './counts.ts';
import { CSV_TYPE, XLSX_TYPE, peopleCsvStream, peopleXlsxStream, statisticsCsv, statisticsXlsx } from './export.ts';
import { scopeOf } from './scope.ts';
import { allPeople, countPeople, searchPeople } from './search.ts';

/**
 * The most people one export holds; a larger list is narrowed by district or search first. A whole
 * province of a million is one download: it streams from the first row (bench/statistics.ts measures
 * its rate and the API's memory), so no proxy waits on an idle response.
 */
export const EXPORT_MAX_ROWS = 2_000_000;

import type * as r from './statistics.routes.ts';

type StatisticsQuery = { sections?: string; year?: number; district?: string };

async function compute(deps: ApiDeps, actor: AppEnv['Variables']['actor'], q: StatisticsQuery) {
  const scope = scopeOf(actor, deps.env.PROVINCE_CODE, q.district);
  const now = new Date();
  const today = chinaDate(now.getTime());
  const sections = q.sections ? ([...new Set(q.sections.split(','))] as Section[]) : [...SECTIONS];
  return computeStatistics(deps.db, scope, { sections, today, now, year: q.year ?? Number(today.slice(0, 4)) });
}

export const statistics =
  (deps: ApiDeps): RouteHandler<typeof r.statisticsRoute, AppEnv> =>
  async (c) =>
    c.json(await compute(deps, c.get('actor'), c.req.valid('query')), 200, { 'Cache-Control': 'private, no-store' });

const attachment = (name: string) => `attachment; filename="${name}"`;

export const statisticsExport =
  (deps: ApiDeps): RouteHandler<typeof r.statisticsExportRoute, AppEnv> =>
  async (c) => {
    const q = c.req.valid('query');
    const { format } = q;
    const s = await compute(deps, c.get('actor'), q);
    const name = `statistics-${s.scope.districtCode ?? s.scope.provinceCode}-${s.today}.${format}`;
    const headers = { 'Content-Disposition': attachment(name), 'Cache-Control': 'private, no-store' };
    if (format === 'csv') return c.body(statisticsCsv(s), 200, { ...headers, 'Content-Type': CSV_TYPE });
    return c.body(await statisticsXlsx(s), 200, { ...headers, 'Content-Type': XLSX_TYPE });
  };

export const search =
  (deps: ApiDeps): RouteHandler<typeof r.searchRoute, AppEnv> =>
  async (c) => {
    const q = c.req.valid('query');
    const scope = scopeOf(c.get('actor'), deps.env.PROVINCE_CODE, q.district);
    return c.json(await searchPeople(deps, scope, q, q.page, q.pageSize), 200, { 'Cache-Control': 'private, no-store' });
  };

export const peopleExport =
  (deps: ApiDeps): RouteHandler<typeof r.peopleExportRoute, AppEnv> =>
  async (c) => {
    const q = c.req.valid('query');
    const scope = scopeOf(c.get('actor'), deps.env.PROVINCE_CODE, q.district);
    const total = await countPeople(deps, scope, q);
    if (total > EXPORT_MAX_ROWS) {
      throw problem(
        'export-too-large',
        422,
        `${total} people match; one export holds at most ${EXPORT_MAX_ROWS}. Narrow it by district, name, archive number or unit`,
        `符合条件的人员有 ${total} 人，单次导出最多 ${EXPORT_MAX_ROWS} 人，请按区县、姓名、档案号或单位缩小范围`,
        { rule: 'export.maxRows', total, max: EXPORT_MAX_ROWS },
      );
    }
    const rows = allPeople(deps, scope, q);
    const name = `people-${scope.districtCode ?? scope.provinceCode}-${chinaDate(Date.now())}.${q.format}`;
    const headers = { 'Content-Disposition': attachment(name), 'Cache-Control': 'private, no-store', 'X-Total-Count': String(total) };
    if (q.format === 'csv') return c.body(peopleCsvStream(rows), 200, { ...headers, 'Content-Type': CSV_TYPE });
    const body = peopleXlsxStream(rows, (e) =>
      deps.log.error({ err: { message: (e as Error).message } }, 'people export failed while streaming'),
    );
    return c.body(body, 200, { ...headers, 'Content-Type': XLSX_TYPE });
  };
