/**
 * The typed API client (api-client/) bound to the in-process app: the shared flow helpers call the API
 * through it, with the paths and bodies of the OpenAPI document, as the web interface does.
 */
import { type ApiClient, createApiClient, type paths } from '../../api-client/index.ts';
import apiDocument from '../../api-client/openapi.json' with { type: 'json' };

interface InProcessApp {
  fetch(request: Request): Response | Promise<Response>;
}

/** A client of the app; with a token, every call carries it as the bearer. */
export function apiClient(app: InProcessApp, token?: string): ApiClient {
  return createApiClient({
    baseUrl: 'http://api.test',
    fetch: (request) => Promise.resolve(app.fetch(request)),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/** What the helpers return, as `ctx.call` does: the status, the headers, the JSON body (the problem on a refusal). */
export interface Answer {
  status: number;
  headers: Headers;
  data: any;
}

export async function answer(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<Answer> {
  const { data, error, response } = await call;
  return { status: response.status, headers: response.headers, data: data ?? error ?? null };
}

/**
 * The documented path of one form part. The document describes either one operation per part
 * (`/requests/{id}/form/basic`, …) or one templated operation (`/requests/{id}/form/{part}`); both take the
 * part's name in the URL, so the helpers pass `part` as a path parameter and work with either.
 */
export type FormPartPath = Extract<keyof paths, `/requests/{id}/form/${string}`>;

export function formPartPath(part: string, documented: Record<string, unknown> = apiDocument.paths): FormPartPath {
  const own = `/requests/{id}/form/${part}`;
  return (own in documented ? own : '/requests/{id}/form/{part}') as FormPartPath;
}

/** PUT one part of a request's form (openapi-fetch fills in `{part}` where the path has it, and ignores it where not). */
export function saveFormPart(client: ApiClient, id: string, part: string, value: unknown) {
  const init = { params: { path: { id, part } }, body: value };
  return answer(client.PUT(formPartPath(part), init as never));
}

/** Submits a draft (POST /requests/{id}/submit). */
export function submitRequest(client: ApiClient, id: string) {
  return answer(client.POST('/requests/{id}/submit', { params: { path: { id } } }));
}

type ReviewDecision = paths['/requests/{id}/review']['post']['requestBody']['content']['application/json'];

/** A reviewer's decision on a submitted request (POST /requests/{id}/review). */
export function reviewRequest(client: ApiClient, id: string, decision: ReviewDecision) {
  return answer(client.POST('/requests/{id}/review', { params: { path: { id } }, body: decision }));
}
