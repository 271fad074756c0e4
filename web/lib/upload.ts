/**
 * A file upload that reports its progress: the typed client (fetch) cannot tell how much of a body is
 * sent, XMLHttpRequest can. Signed in and CSRF-protected as the client's calls are (web/lib/api.ts):
 * the same-origin session cookie, and the CSRF cookie echoed in X-CSRF-Token.
 */
import { CSRF_HEADER, csrfToken, networkProblem, problemOfAnswer } from './api.ts';

export interface UploadProgress {
  /** Bytes sent so far, and of how many (0 when the browser does not know). */
  loaded: number;
  total: number;
}

export interface UploadOptions {
  method?: 'POST' | 'PUT';
  onProgress?: (progress: UploadProgress) => void;
  /** Called once the body is sent: what is left is the service's work. */
  onSent?: () => void;
  signal?: AbortSignal;
}

/** Sends `body` to `path` of this site and answers the JSON answer, or throws the API's problem as an ApiProblem. */
export function uploadWithProgress<T>(path: string, body: FormData | Blob, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(opts.method ?? 'POST', new URL(path, window.location.origin).toString());
    xhr.withCredentials = false; // same origin: the session cookie goes anyway, to this site only
    xhr.responseType = 'text';
    xhr.setRequestHeader('Accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) => opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.upload.onload = () => opts.onSent?.();
    xhr.onerror = () => reject(networkProblem());
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.onload = () => {
      let answer: unknown = null;
      try {
        answer = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // Not JSON (a proxy's page): the status tells what happened.
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(answer as T);
      else reject(problemOfAnswer(xhr.status, xhr.statusText, answer, xhr.getResponseHeader('retry-after')));
    };
    if (opts.signal?.aborted) return reject(new DOMException('The upload was cancelled', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
