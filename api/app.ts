import { Scalar } from '@scalar/hono-api-reference';
import { HTTPException } from 'hono/http-exception';
import type { ApiDeps } from './deps.ts';
import { ProblemError, problem, problems, sendProblem } from './problem.ts';
import { ServiceUnavailableError, isUnreachable } from '../clients/unavailable.ts';
import { accessLogRouter } from './access-log/access-log.index.ts';
import { logRefusedAccess } from './access-log/record-access.ts';
import { continuingEducationImportRouter } from './admin/continuing-education/continuing-education.index.ts';
import { archiveImportRouter } from './admin/archive-imports/archive-imports.index.ts';
import { needsAttentionRouter } from './admin/attention/attention.index.ts';
import { holidayArrangementsRouter } from './admin/calendar/calendar.index.ts';
import { authRouter } from './auth/auth.index.ts';
import { codecRouter } from './codec/codec.index.ts';
import { diagnosticsRouter } from './diagnostics/diagnostics.index.ts';
import { healthRouter } from './health/health.index.ts';
import { type AppEnv, createRouter } from './lib/create-router.ts';
import { Problem } from './lib/openapi.ts';
import { guardJsonText, guardQueryText, limitBodies } from './limits.ts';
import { nationalRouter } from './national/national.index.ts';
import { notificationsRouter } from './notifications/notifications.index.ts';
import { recordsRouter } from './records/records.index.ts';
import { referenceRouter } from './reference/reference.index.ts';
import { requestsRouter } from './requests/requests.index.ts';
import { sessionsRouter } from './sessions/sessions.index.ts';
import { staffRouter } from './staff/staff.index.ts';
import { unitsRouter } from './units/units.index.ts';
import { statisticsRouter } from './statistics/statistics.index.ts';
import { webSessionContext, webSessionRoutes } from './web/session.routes.ts';
import { serveWeb } from './web/static.ts';

export function createApp(deps: ApiDeps) {
  const app = createRouter();

  app.onError((err, c) => {
    if (err instanceof ProblemError) {
      const actor = c.get('actor') as AppEnv['Variables']['actor'] | undefined;
      const { status, type } = err.problem;
      if (actor && (status === 403 || (status === 404 && type.endsWith('/not-found')))) logRefusedAccess(deps, c, actor, status, type);
      return sendProblem(c, err.problem);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      if (status === 413) {
        return sendProblem(c, problem('body-too-large', 413, 'The request body is larger than allowed', '请求内容超过允许的大小').problem);
      }
      if (status === 415) {
        return sendProblem(
          c,
          problem('unsupported-media-type', 415, 'Send the body as application/json', '请以 application/json 格式发送请求内容', {
            rule: 'body.mediaType',
          }).problem,
        );
      }
      if (status === 400 && /json/i.test(err.message)) {
        return sendProblem(
          c,
          problem('malformed-json', 400, 'The request body is not valid JSON', '请求内容不是有效的 JSON', { rule: 'body.json' }).problem,
        );
      }
      return sendProblem(c, problem('http-error', status, err.message || 'Bad request', '请求无效').problem);
    }
    // A dependency that is away is not a bug: the caller can try again shortly.
    if (err instanceof ServiceUnavailableError || isUnreachable(err)) {
      const service =
        err instanceof ServiceUnavailableError
          ? err.service
          : /prisma|postgres/i.test(`${err.name} ${err.stack}`)
            ? 'PostgreSQL'
            : 'A service this system depends on';
      deps.log.warn({ err: { message: err.message }, path: c.req.path, service }, 'dependency unavailable');
      return sendProblem(c, problems.unavailable(service).problem);
    }
    deps.log.error({ err: { message: err.message, stack: err.stack }, path: c.req.path }, 'unhandled error');
    return sendProblem(
      c,
      problem('internal-error', 500, 'An unexpected error occurred; it has been logged', '系统发生意外错误，已记录').problem,
    );
  });
  app.notFound((c) => sendProblem(c, problem('not-found', 404, `No such endpoint: ${c.req.method} ${c.req.path}`, '接口不存在').problem));

  // Before any route: bodies are limited as they stream in, and JSON and query text is checked once.
  app.use('*', limitBodies(deps.env));
  app.use('*', guardJsonText());
  app.use('*', guardQueryText());
  app.use('*', webSessionContext(deps));

  app.route('/', healthRouter(deps));
  app.route('/', authRouter(deps));
  app.route('/', webSessionRoutes(deps));
  app.route('/', sessionsRouter(deps));
  app.route('/', referenceRouter(deps));
  app.route('/', diagnosticsRouter(deps));
  app.route('/', requestsRouter(deps));
  app.route('/', nationalRouter(deps));
  app.route('/', recordsRouter(deps));
  app.route('/', codecRouter(deps));
  app.route('/', accessLogRouter(deps));
  app.route('/', continuingEducationImportRouter(deps));
  app.route('/', archiveImportRouter(deps));
  app.route('/', needsAttentionRouter(deps));
  app.route('/', holidayArrangementsRouter(deps));
  app.route('/', statisticsRouter(deps));
  app.route('/', staffRouter(deps));
  app.route('/', unitsRouter(deps));
  app.route('/', notificationsRouter(deps));

  app.openAPIRegistry.register('Problem', Problem);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Accounting-personnel information system API (会计人员信息管理系统)',
      version: '1.0.0',
      description: `Province ${deps.env.PROVINCE_CODE}. Errors are RFC 9457 problem+json with a stable type per rule.`,
    },
  });
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: '会计人员信息管理系统 API' }));
  // Last: the web pages, for whatever no API route answered.
  app.use('*', serveWeb());
  return app;
}
export type App = ReturnType<typeof createApp>;
