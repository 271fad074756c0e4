import { describe, expect, it } from 'vitest';
import { expectDocumented, type OpenApiDocument, templateOf, undocumented } from './openapi-expect.ts';

const BASE = 'https://accounting.example/problems/';
const problemOf = (...types: string[]) => ({
  allOf: [{ $ref: '#/components/schemas/Problem' }, { type: 'object', properties: { type: { enum: types.map((t) => BASE + t) } } }],
});

/** A document in the shape the API describes its refusals in. */
const doc: OpenApiDocument = {
  paths: {
    '/requests/{id}/form/{part}': {
      parameters: [],
      put: {
        responses: {
          200: { description: 'saved', content: { 'application/json': { schema: { type: 'object' } } } },
          400: { $ref: '#/components/responses/Invalid' },
          401: {
            description: 'no session',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Unauthenticated' } } },
          },
          '4XX': { description: 'any other refusal', content: { 'application/problem+json': { schema: problemOf('rate-limited') } } },
        },
      },
    },
    '/requests/{id}/form/basic': {
      put: {
        responses: {
          200: { description: 'saved' },
          422: {
            description: 'a rule',
            content: {
              'application/problem+json': {
                schema: { oneOf: [problemOf('identity-check-digit'), { $ref: '#/components/schemas/Problem' }] },
              },
            },
          },
        },
      },
    },
    '/requests/{id}/submit': {
      post: {
        responses: {
          409: {
            description: 'not now',
            content: { 'application/problem+json': { schema: { anyOf: [problemOf('request-state'), problemOf('already-open')] } } },
          },
          404: {
            description: 'no such request',
            content: {
              'application/problem+json': {
                schema: { allOf: [problemOf('not-found', 'request-state'), problemOf('not-found')] },
              },
            },
          },
        },
      },
    },
    '/healthz': { get: { responses: { default: { description: 'anything' } } } },
  },
  components: {
    schemas: {
      Problem: {
        type: 'object',
        properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
      },
      Unauthenticated: { allOf: [{ $ref: '#/components/schemas/Problem' }, { properties: { type: { const: `${BASE}unauthenticated` } } }] },
    },
    responses: {
      Invalid: { description: 'invalid', content: { 'application/problem+json': { schema: problemOf('validation', 'malformed-json') } } },
    },
  },
};

describe('expectDocumented: an answer is one the OpenAPI document lists', () => {
  it('finds the template of a concrete path, preferring the one with more literal segments', () => {
    expect(templateOf(doc, '/requests/{id}/form/{part}')).toBe('/requests/{id}/form/{part}');
    expect(templateOf(doc, '/requests/7d0f/form/work')).toBe('/requests/{id}/form/{part}');
    expect(templateOf(doc, '/requests/7d0f/form/basic')).toBe('/requests/{id}/form/basic');
    expect(templateOf(doc, '/requests/7d0f/submit?x=1')).toBe('/requests/{id}/submit');
    expect(templateOf(doc, '/requests//submit')).toBeUndefined();
    expect(templateOf(doc, '/nowhere')).toBeUndefined();
  });

  it('accepts documented statuses and problem types, through $ref (schemas and responses), allOf, const and ranges', () => {
    expect(() => expectDocumented(doc, 'PUT', '/requests/{id}/form/{part}', 200)).not.toThrow();
    expect(() => expectDocumented(doc, 'put', '/requests/1/form/work', 400, `${BASE}validation`)).not.toThrow();
    expect(() => expectDocumented(doc, 'PUT', '/requests/1/form/work', 401, `${BASE}unauthenticated`)).not.toThrow();
    expect(() => expectDocumented(doc, 'PUT', '/requests/1/form/work', 429, `${BASE}rate-limited`)).not.toThrow();
    expect(() => expectDocumented(doc, 'POST', '/requests/1/submit', 409, `${BASE}already-open`)).not.toThrow();
    expect(() => expectDocumented(doc, 'POST', '/requests/1/submit', 404, `${BASE}not-found`)).not.toThrow();
    expect(() => expectDocumented(doc, 'GET', '/healthz', 503)).not.toThrow();
  });

  it('refuses an undocumented status, operation, path or problem type, saying which', () => {
    expect(() => expectDocumented(doc, 'PUT', '/requests/1/form/basic', 400, `${BASE}validation`)).toThrow(
      /PUT \/requests\/\{id\}\/form\/basic: answered 400, documented 200, 422/,
    );
    expect(undocumented(doc, 'PUT', '/requests/1/form/work', 400, `${BASE}rate-limited`)).toMatch(/documented .*validation/);
    expect(undocumented(doc, 'PUT', '/requests/1/form/work', 401, `${BASE}forbidden`)).toMatch(/answered .*forbidden/);
    expect(undocumented(doc, 'POST', '/requests/1/submit', 409, `${BASE}not-found`)).not.toBeNull();
    // allOf narrows: request-state is in one part only.
    expect(undocumented(doc, 'POST', '/requests/1/submit', 404, `${BASE}request-state`)).not.toBeNull();
    expect(undocumented(doc, 'DELETE', '/requests/1/submit', 405)).toMatch(/no such operation/);
    expect(undocumented(doc, 'GET', '/nowhere', 404)).toMatch(/no such path/);
  });

  it('refuses a problem whose response does not narrow its type (one alternative leaves it open), or is not problem+json', () => {
    expect(undocumented(doc, 'PUT', '/requests/1/form/basic', 422, `${BASE}identity-check-digit`)).toMatch(/lists no problem types/);
    expect(undocumented(doc, 'PUT', '/requests/1/form/work', 200, `${BASE}validation`)).toMatch(/documented application\/json/);
  });
});
