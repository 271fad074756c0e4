import { OpenAPIHono } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { NationalDb } from './db.ts';
import { createFaultInjector, type FaultInjector } from './faults.ts';
import { createIdempotency } from './idempotency.ts';
import { ProblemError, problemBody, problemResponse, type ProblemCode } from './problems.ts';
import { eventWebhooks } from './routes/events.ts';
import { faultRoutes } from './routes/faults.ts';
import { healthRoutes } from './routes/health.ts';
import { provinceRoutes } from './routes/provinces.ts';
import { recordRoutes } from './routes/records.ts';
import { transferRoutes } from './routes/transfers.ts';

export type NationalAppConfig = {
  logger?: Logger;
  /** Source of randomness for `failRate`; pass a seeded one for reproducible runs. */
  random?: () => number;
  /** Shared with whoever else needs to see the faults; one is created when omitted. */
  faults?: FaultInjector;
  /** Largest accepted request body (default 1 MiB). */
  bodyLimitBytes?: number;
};

export const openApiConfig = {
  openapi: '3.1.0',
  info: {
    title: 'National accounting-personnel platform (stand-in) 全国会计人员管理服务平台（模拟）',
    version: '1.0.0',
    description: [
      'Development and test stand-in for the Ministry of Finance national platform, whose real interface is not public.',
      '',
      '- Every mutating `/v1` call requires an `Idempotency-Key` header, scoped to the acting province. A repeat with the same',
      '  body replays the stored response (header `Idempotent-Replayed: true`) and does nothing new; a repeat with a different',
      '  body is refused with 422 `idempotency-key-reused`. Only successful responses are stored: a refused call changed nothing,',
      '  so repeating it is evaluated afresh.',
      '- Errors are RFC 9457 `application/problem+json`: `title`/`detail` in English, `title_zh`/`detail_zh` in Chinese.',
      "- Events go to each province's registered callback URL (see webhooks) and are retried with backoff until answered 2xx.",
      '- `/admin/faults` injects latency and 503s into `/v1/*` for tests; a failed call changes nothing.',
    ].join('\n'),
  },
  tags: [
    { name: 'records', description: 'Person records by archive number 档案' },
    { name: 'transfers', description: 'Transfers between provinces 跨省调转' },
    { name: 'provinces', description: 'Province registry and event callbacks' },
    { name: 'admin', description: 'Test controls (not part of the platform interface)' },
  ],
};

const targetName: Record<string, string> = { json: 'body', param: 'path', query: 'query', header: 'header' };

export function createNationalApp({ db, config = {} }: { db: NationalDb; config?: NationalAppConfig }): OpenAPIHono {
  const log = config.logger;
  const faults = config.faults ?? createFaultInjector(config.random);

  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return;
      const where = targetName[result.target] ?? result.target;
      if (result.target === 'header' && result.error.issues.some((i) => i.path[0] === 'idempotency-key')) {
        return problemResponse(
          problemBody(
            'idempotency-key-missing',
            'Every mutating call needs an Idempotency-Key header (1 to 255 characters).',
            '每个修改类请求都必须带 Idempotency-Key 请求头（1 至 255 个字符）。',
            { instance: c.req.path },
          ),
        );
      }
      const errors = result.error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message }));
      const list = errors.map((e) => `${e.in}${e.path ? `.${e.path}` : ''}: ${e.message}`).join('; ');
      return problemResponse(
        problemBody('validation-failed', `Invalid request: ${list}`, `请求参数未通过校验：${list}`, { instance: c.req.path, errors }),
      );
    },
  });

  app.onError((err, c) => {
    if (err instanceof ProblemError) {
      return problemResponse(problemBody(err.code, err.message, err.detail_zh, { ...err.extensions, instance: c.req.path }));
    }
    if (err instanceof HTTPException && err.status < 500) {
      const byStatus: Record<number, [ProblemCode, string, string]> = {
        400: ['malformed-request', 'The request body could not be parsed as JSON.', '请求体无法解析为 JSON。'],
        413: ['payload-too-large', 'The request body exceeds the size limit.', '请求体超过大小限制。'],
        415: ['unsupported-media-type', 'Send the body as application/json.', '请以 application/json 发送请求体。'],
      };
      const [code, detail, detail_zh] = byStatus[err.status] ?? ['validation-failed', err.message, err.message];
      return problemResponse({ ...problemBody(code, detail, detail_zh, { instance: c.req.path }), status: err.status });
    }
    log?.error({ err, path: c.req.path }, 'unhandled error');
    return problemResponse(
      problemBody(
        'internal-error',
        'An unexpected error occurred; the call may be repeated with the same key.',
        '发生意外错误；可使用同一幂等键重试。',
        {
          instance: c.req.path,
        },
      ),
    );
  });

  app.notFound((c) =>
    problemResponse(
      problemBody('not-found', `No route ${c.req.method} ${c.req.path}.`, `没有路由 ${c.req.method} ${c.req.path}。`, {
        instance: c.req.path,
      }),
    ),
  );

  // Faults first, so that a failed call does no work at all.
  app.use('/v1/*', faults.middleware);
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: config.bodyLimitBytes ?? 1024 * 1024,
      onError: () => {
        throw new HTTPException(413);
      },
    }),
  );

  const idempotent = createIdempotency(db);

  healthRoutes(app, { db });
  provinceRoutes(app, { db, idempotent });
  recordRoutes(app, { db, idempotent });
  transferRoutes(app, { db, idempotent });
  eventWebhooks(app);
  faultRoutes(app, { faults });

  app.doc31('/openapi.json', openApiConfig);
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'National platform stand-in 全国平台模拟' }));

  return app;
}
