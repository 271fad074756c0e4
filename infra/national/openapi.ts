import { pathToFileURL } from 'node:url';
import { createNationalApp, openApiConfig } from './app.ts';
import type { NationalDb } from './db.ts';

/**
 * Prints the stand-in's OpenAPI document:
 *   npx tsx infra/national/openapi.ts > infra/national/openapi.json
 * Building the document touches no database.
 */
export function nationalOpenApiDocument() {
  const app = createNationalApp({ db: {} as NationalDb });
  return app.getOpenAPI31Document(openApiConfig);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(nationalOpenApiDocument(), null, 2)}\n`);
}
