import { once } from 'node:events';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientErrors } from '../../api/client-error.ts';
import { PROBLEM_BASE } from '../../api/problem.ts';
import { makeMainlandId } from '../../domain/identity.ts';
import { signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { validPhoto } from '../support/jpeg.ts';
import { expectDocumented, type OpenApiDocument, problemTypesOf, type SchemaObject } from './openapi-expect.ts';

/**
 * The OpenAPI document is the contract outside clients and the web interface are written against:
 * every body and answer has a real schema, every operation lists its problems, and what real calls
 * answer is listed for their operation.
 */
let ctx: TestContext;
let doc: OpenApiDocument;

beforeAll(async () => {
  ctx = await testContext();
  doc = await (await ctx.app.request('/openapi.json')).json();
}, 60_000);
afterAll(() => ctx.close());

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Every schema in the document, with where it is. */
function* schemasIn(value: unknown, at: string): Generator<[string, Json]> {
  if (!value || typeof value !== 'object') return;
  const v = value as Json;
  if ('schema' in v && v.schema && typeof v.schema === 'object') yield* schemaTree(v.schema as Json, `${at}.schema`);
  for (const [k, child] of Object.entries(v))
    if (k !== 'schema' && k !== 'example' && k !== 'examples') yield* schemasIn(child, `${at}.${k}`);
}
function* schemaTree(schema: Json, at: string): Generator<[string, Json]> {
  yield [at, schema];
  for (const [k, child] of Object.entries((schema.properties as Record<string, Json>) ?? {})) yield* schemaTree(child, `${at}.${k}`);
  for (const key of ['items', 'additionalProperties'] as const)
    if (schema[key] && typeof schema[key] === 'object') yield* schemaTree(schema[key] as Json, `${at}[${key}]`);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const)
    for (const [i, child] of ((schema[key] as Json[]) ?? []).entries()) yield* schemaTree(child, `${at}.${key}${i}`);
}

describe('the OpenAPI document', () => {
  it('has no empty schema and no reference to a missing component', () => {
    const names = new Set(Object.keys(doc.components?.schemas ?? {}));
    const seen: string[] = [];
    const walk = [
      ...schemasIn(doc.paths, 'paths'),
      ...Object.entries(doc.components?.schemas ?? {}).flatMap(([n, s]) => [...schemaTree(s as Json, n)]),
    ];
    for (const [at, schema] of walk) {
      if (Object.keys(schema).length === 0) seen.push(`${at}: empty schema`);
      if (typeof schema.$ref === 'string' && !names.has(schema.$ref.replace('#/components/schemas/', '')))
        seen.push(`${at}: ${schema.$ref} is missing`);
    }
    expect(seen).toEqual([]);
  });

  it('types every body and answer, and lists the problems of every operation', () => {
    const seen: string[] = [];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item[method] as
          | {
              requestBody?: { content?: Record<string, { schema?: Json }> };
              responses?: Record<string, { content?: Record<string, { schema?: Json }> }>;
            }
          | undefined;
        if (!op) continue;
        const where = `${method.toUpperCase()} ${path}`;
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
          if (!media.schema) seen.push(`${where}: body ${type} untyped`);
        const statuses = Object.keys(op.responses ?? {});
        for (const s of statuses)
          for (const [type, media] of Object.entries(op.responses?.[s]?.content ?? {}))
            if (!media.schema) seen.push(`${where} ${s}: ${type} untyped`);
        const errors = statuses.filter((s) => Number(s) >= 400);
        if (!errors.length) seen.push(`${where}: no error responses`);
        for (const s of errors) {
          if (path === '/readyz') continue;
          const types = [...(problemTypesOf(doc, op.responses?.[s]?.content?.['application/problem+json']?.schema as SchemaObject) ?? [])];
          if (!types.length) seen.push(`${where} ${s}: no problem types`);
          for (const t of types) if (!t.startsWith(PROBLEM_BASE)) seen.push(`${where} ${s}: ${t} is not a problem type`);
        }
      }
    }
    expect(seen).toEqual([]);
  });

  it('names a schema for every form part, the problem and the main bodies', () => {
    const names = Object.keys(doc.components?.schemas ?? {});
    for (const name of [
      'SituationPart',
      'BasicPart',
      'EducationPart',
      'WorkPart',
      'QualificationsPart',
      'StudentPart',
      'DistrictPart',
      'ContinuingEducationPart',
      'TransferOutPart',
      'TransferInPart',
      'DistrictMovePart',
      'UploadedMaterial',
      'Problem',
      'RequestDetail',
      'LinkedRecord',
      'Statistics',
    ])
      expect(names).toContain(name);
  });
});

describe('real answers are the ones the document lists', () => {
  it('a draft: a part with a wrong ID check character, an oversize photo, an incomplete submit, a stranger reviewing', async () => {
    const applicant = await signUpApplicant(ctx);
    const id = (await ctx.call('POST', '/requests/collection', { token: applicant.token })).data.requestId;
    const good = makeMainlandId('110105', '1985-03-12', 1);
    const wrong = `${good.slice(0, 17)}Y`;
    const basic = await ctx.call('PUT', `/requests/${id}/form/basic`, {
      token: applicant.token,
      json: {
        name: '张伟',
        sex: 'male',
        birthDate: '1985-03-12',
        idType: 'mainlandId',
        idNumber: wrong,
        nationality: 'CHN',
        mobile: '13912345678',
        email: 'a@example.com',
        address: '北京市朝阳区建国路1号',
      },
    });
    expect(basic.status).toBe(400);
    const checksum = basic.data.violations.find((v: { path: string }) => v.path === 'basic.idNumber');
    expect(checksum.rule).toBe('identity.checksum');
    expect(checksum.en).toContain(`"Y"`);
    expect(checksum.en).toContain(`"${good[17]}"`);
    expectDocumented(doc, 'PUT', '/requests/{id}/form/basic', 400, basic.data.type);

    // Too large is 413 with the photo's own limit, whichever check finds it.
    const photo = new Uint8Array(await validPhoto());
    for (const size of [21 * 1024, 60_000]) {
      const big = new Uint8Array(size);
      big.set(photo);
      const res = await ctx.app.request(`/requests/${id}/materials/photo`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${applicant.token}`, 'content-type': 'image/jpeg' },
        body: big,
      });
      const p = await res.json();
      expect([res.status, p.rule], `${size} bytes`).toEqual([413, 'materials.tooLarge']);
      expect(p.detail).toContain('20 KB');
      expectDocumented(doc, 'PUT', '/requests/{id}/materials/{kind}', 413, p.type);
    }

    const submit = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(submit.status).toBe(422);
    expectDocumented(doc, 'POST', '/requests/{id}/submit', 422, `${PROBLEM_BASE}request-incomplete`);

    const stranger = await signUpApplicant(ctx);
    const review = await ctx.call('POST', `/requests/${id}/review`, { token: stranger.token, json: { outcome: 'approved' } });
    expect(review.status).toBe(404);
    expectDocumented(doc, 'POST', '/requests/{id}/review', 404, review.data.type);
  });

  it('a raw, unencoded UTF-8 query over a real socket answers problem+json naming query.encoding', async () => {
    const server = serve({ fetch: ctx.app.fetch, hostname: '127.0.0.1', port: 0 });
    answerClientErrors(server);
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    try {
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      socket.end(Buffer.from('GET /people?name=张伟 HTTP/1.1\r\nHost: localhost\r\n\r\n', 'utf8'));
      let raw = '';
      socket.setEncoding('utf8');
      socket.on('data', (d) => (raw += d));
      await once(socket, 'close');
      const [head, body] = raw.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400/);
      expect(head).toMatch(/content-type: application\/problem\+json/i);
      const p = JSON.parse(body!);
      expect(p.rule).toBe('query.encoding');
      expect(p.detail_zh).toContain('编码');
    } finally {
      server.close();
    }
  });
});
