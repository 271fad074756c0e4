import type { Context } from 'hono';
import { unsafeTextIn } from '../../domain/text.ts';
import type { Actor } from '../../workflows/messages.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../problem.ts';

/** Why staff read personal data, when they do not say: reviewing the request. */
export const DEFAULT_ACCESS_REASON = 'review';
const REASON_MAX = 200;

export type AccessedResource = 'request.detail' | 'request.material' | 'person.record' | 'person.material';

const badReason = () =>
  problem(
    'access-reason-invalid',
    400,
    `The access reason (X-Access-Reason header or ?reason=) must be 1–${REASON_MAX} characters of text without control characters; percent-encode non-ASCII text in the header`,
    `访问理由（X-Access-Reason 请求头或 ?reason= 参数）应为 1–${REASON_MAX} 个字符，不含控制字符；请求头中的中文请按 URL 编码`,
    { rule: 'access.reason' },
  );

/**
 * The reason a reader gives, from `X-Access-Reason` (percent-encoded UTF-8 allowed) or `?reason=`;
 * checked before anything is read, so a read is never made that could not be logged.
 */
export function accessReasonOf(c: Context): string {
  const header = c.req.header('x-access-reason');
  const query = c.req.query('reason');
  const raw = header ?? query;
  if (raw === undefined) return DEFAULT_ACCESS_REASON;
  let reason = raw;
  if (header !== undefined) {
    try {
      reason = decodeURIComponent(header);
    } catch {
      throw badReason();
    }
  }
  reason = reason.trim();
  // Control characters (NUL cannot even be stored) and lone surrogates are refused, not silently dropped.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the reason may not hold
  if (!reason || reason.length > REASON_MAX || /[\u0000-\u001f\u007f]/.test(reason) || unsafeTextIn(reason)) throw badReason();
  return reason;
}

export const isStaff = (actor: Actor) => actor.role === 'reviewer' || actor.role === 'admin';

/** Records a read by staff; applicants reading their own requests are not logged. */
export async function recordAccess(
  deps: Pick<ApiDeps, 'db'>,
  actor: Actor,
  entry: { resource: AccessedResource; reason: string; requestId?: string; personId?: string; materialKind?: string },
): Promise<void> {
  if (!isStaff(actor)) return;
  await deps.db.accessLog.create({
    data: {
      userId: actor.userId,
      role: actor.role,
      resource: entry.resource,
      reason: entry.reason,
      requestId: entry.requestId ?? null,
      personId: entry.personId ?? null,
      materialKind: entry.materialKind ?? null,
    },
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A refused access (403, or 404 from authorization) as a warning: who, and the id of what they asked
 * for when it is an id. Nothing else from the path or the body: it may carry personal data.
 */
export function logRefusedAccess(deps: Pick<ApiDeps, 'log'>, c: Context, actor: Actor, status: number, type: string) {
  const resourceId = c.req.path.split('/').find((s) => UUID.test(s));
  deps.log.warn(
    {
      userId: actor.userId,
      role: actor.role,
      status,
      problem: type.split('/').pop(),
      method: c.req.method,
      route: c.req.routePath,
      resourceId: resourceId ?? null,
    },
    'access refused',
  );
}
