import type { Socket } from 'node:net';
import { PROBLEM_BASE } from './problem.ts';

/**
 * Requests Node's HTTP parser refuses before the app sees them (a raw, unencoded UTF-8 query such as
 * `?name=张伟`, a malformed request line) are answered as problem+json too, naming the rule.
 */
export function answerClientErrors(server: {
  on(event: 'clientError', listener: (err: Error & { code?: string }, socket: Socket) => void): unknown;
}) {
  server.on('clientError', (err, socket) => {
    if (!socket.writable) return socket.destroy();
    const encoding = err.code === 'HPE_INVALID_URL' || err.code === 'HPE_INVALID_CHARACTER' || err.code === 'HPE_INVALID_METHOD';
    const body = JSON.stringify(
      encoding
        ? {
            type: `${PROBLEM_BASE}query-encoding`,
            title: 'query encoding',
            status: 400,
            detail:
              'The request line holds characters that must be percent-encoded: encode non-ASCII text in the path and query as UTF-8 (curl -G --data-urlencode "name=张伟")',
            detail_zh:
              '请求地址中含有未编码的字符：路径和查询参数中的中文等非 ASCII 字符须按 UTF-8 进行 URL 编码（例如 curl -G --data-urlencode "name=张伟"）',
            rule: 'query.encoding',
          }
        : {
            type: `${PROBLEM_BASE}malformed-request`,
            title: 'malformed request',
            status: 400,
            detail: 'The request is not valid HTTP',
            detail_zh: '请求不是有效的 HTTP 请求',
            rule: 'http.malformed',
          },
    );
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
