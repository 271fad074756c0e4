/**
 * The API client of the pages: the typed client over the same origin, signed in by the session cookie.
 * Every state-changing call echoes the CSRF cookie in X-CSRF-Token (the API refuses it otherwise).
 */
import { createApiClient } from '../../api-client/index.ts';
import { ApiProblem, type Problem } from './problems.ts';

export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export function csrfToken(): string | undefined {
  const entry = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(CSRF_COOKIE.length + 1)) : undefined;
}

export const api = createApiClient({ baseUrl: window.location.origin, credentials: 'same-origin' });

api.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = csrfToken();
      if (token) request.headers.set(CSRF_HEADER, token);
    }
    return request;
  },
});

const NETWORK_PROBLEM = {
  type: 'network',
  title: 'network',
  status: 0,
  detail: 'The service cannot be reached; check the connection and try again',
  detail_zh: '无法连接服务，请检查网络后重试',
};

/** The service could not be reached at all. */
export const networkProblem = () => new ApiProblem({ ...NETWORK_PROBLEM });

/** A refused answer as an ApiProblem: the API's problem+json (with its Chinese detail), or its status. */
export function problemOfAnswer(status: number, statusText: string, body: unknown, retryAfter: string | null): ApiProblem {
  const p = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
  return new ApiProblem({
    type: p.type ?? 'http-error',
    title: p.title ?? String(status),
    status,
    detail: p.detail ?? statusText,
    detail_zh: p.detail_zh ?? `请求失败（${status}）`,
    ...p,
    retryAfterSeconds: p.retryAfterSeconds ?? (Number(retryAfter) || undefined),
  });
}

/** The answer's data, or an ApiProblem carrying the API's problem+json (with its Chinese detail). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw networkProblem();
  }
  const { data, error, response } = result;
  if (!response.ok) throw problemOfAnswer(response.status, response.statusText, error, response.headers.get('retry-after'));
  return data as T;
}
