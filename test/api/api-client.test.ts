import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../api-client/index.ts';
import { currentApiDocument } from '../../tools/generate-api-client.ts';
import { type FormPartPath, formPartPath } from '../support/client.ts';

/** A route changed without regenerating the client fails here (and in CI), not in a caller. */
describe('api-client/ is generated from the API as it is now', () => {
  it('openapi.json and schema.d.ts match what tools/generate-api-client.ts produces', async () => {
    const { document, types } = await currentApiDocument();
    const [committedDocument, committedTypes] = await Promise.all([
      readFile(new URL('../../api-client/openapi.json', import.meta.url), 'utf8'),
      readFile(new URL('../../api-client/schema.d.ts', import.meta.url), 'utf8'),
    ]);
    const hint = 'api-client/ is stale: run npx tsx tools/generate-api-client.ts and commit the result';
    expect(committedDocument === document, hint).toBe(true);
    expect(committedTypes === types, hint).toBe(true);
  });
});

describe('the test helpers save a form part through the typed client', () => {
  /** The URL and body the client sends, without an app behind it. */
  async function sent(path: FormPartPath) {
    let request: Request | undefined;
    const client = createApiClient({
      baseUrl: 'http://api.test',
      fetch: async (r) => {
        request = r;
        return Response.json({ requestId: 'r1', part: 'basic', saved: {} });
      },
    });
    await client.PUT(path, { params: { path: { id: 'r1', part: 'basic' } }, body: { name: '张伟' } } as never);
    return { url: request!.url, body: await request!.json() };
  }

  it('on the path the document names: one templated operation, or one operation per part', async () => {
    const templated = formPartPath('basic', { '/requests/{id}/form/{part}': {} });
    const perPart = formPartPath('basic', { '/requests/{id}/form/basic': {}, '/requests/{id}/form/work': {} });
    expect(templated).toBe('/requests/{id}/form/{part}');
    expect(perPart).toBe('/requests/{id}/form/basic');
    const expected = { url: 'http://api.test/requests/r1/form/basic', body: { name: '张伟' } };
    expect(await sent(templated)).toEqual(expected);
    expect(await sent(perPart)).toEqual(expected);
  });
});
