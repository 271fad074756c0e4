import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { currentApiDocument } from '../../tools/generate-api-client.ts';

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
