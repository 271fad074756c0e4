/**
 * Telling "a service we depend on is away" from a bug: network failures and the server-side codes of a
 * server that is restarting, found anywhere in an error's cause chain. The API answers those 503 with
 * the service's name (try again shortly), never 500; activities simply retry them.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
// PostgreSQL: admin shutdown, crash shutdown, cannot connect now, connection failures; Prisma: cannot
// reach the server, server closed the connection. S3 / MinIO: a server still starting or overloaded.
const SERVER_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'P1001',
  'P1002',
  'P1017',
  'ServiceUnavailable',
  'SlowDown',
  'XMinioServerNotInitialized',
]);

/** Whether an error (or one of its causes) says the other side is unreachable or not serving now. */
export function isUnreachable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const stack: unknown[] = [err];
  while (stack.length && seen.size < 20) {
    const e = stack.pop();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    for (const key of ['code', 'originalCode', 'errno']) {
      const v = (e as Record<string, unknown>)[key];
      if (typeof v === 'string' && (NETWORK_CODES.has(v) || SERVER_CODES.has(v))) return true;
    }
    if (
      /Can't reach database server|Connection terminated|server closed the connection/i.test(
        String((e as { message?: unknown }).message ?? ''),
      )
    )
      return true;
    stack.push((e as { cause?: unknown }).cause);
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) stack.push(...inner);
  }
  return false;
}

/** A dependency that did not answer: its name is safe to show (no personal data, no addresses). */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly service: 'PostgreSQL' | 'MinIO' | 'Temporal' | 'The national platform',
    options?: { cause?: unknown },
  ) {
    super(`${service} is not reachable`, options);
    this.name = 'ServiceUnavailableError';
  }
}

/** `fn`'s result; an unreachable service becomes a ServiceUnavailableError naming it. */
export async function naming<T>(service: ServiceUnavailableError['service'], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof ServiceUnavailableError) && isUnreachable(e)) throw new ServiceUnavailableError(service, { cause: e });
    throw e;
  }
}
