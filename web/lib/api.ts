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

/** The answer's data, or an ApiProblem carrying the API's problem+json (with its Chinese detail). */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiProblem({
      type: 'network',
      title: 'network',
      status: 0,
      detail: 'The service cannot be reached; check the connection and try again',
      detail_zh: '无法连接服务，请检查网络后重试',
    });
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const p = (error && typeof error === 'object' ? error : {}) as Partial<Problem>;
    throw new ApiProblem({
      type: p.type ?? 'http-error',
      title: p.title ?? String(response.status),
      status: response.status,
      detail: p.detail ?? response.statusText,
      detail_zh: p.detail_zh ?? `请求失败（${response.status}）`,
      ...p,
      retryAfterSeconds: p.retryAfterSeconds ?? (Number(response.headers.get('retry-after')) || undefined),
    });
  }
  return data as T;
}
