/**
 * The typed client of this system's API, generated from its OpenAPI document (api-client/openapi.json).
 * The web interface and the test suites call the API through it, like any outside client.
 */
import createClient, { type ClientOptions } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export type { components, paths } from './schema.d.ts';

export function createApiClient(options: ClientOptions = {}) {
  return createClient<paths>(options);
}
export type ApiClient = ReturnType<typeof createApiClient>;
