import type { ActivityDeps } from './deps.ts';
import { loadPersonRecord } from '../records/person-record.ts';
import { NationalRejectedError } from '../national/client.ts';

/** Uploads to the national platform. The idempotency key comes from the workflow, so retries never duplicate. */
export function nationalActivities({ db, national, log, personalData }: ActivityDeps) {
  return {
    async uploadToNational(a: {
      requestId: string;
      personId: string;
      kind: 'collection' | 'change' | 'transferImport';
      idempotencyKey: string;
    }): Promise<{ version: number }> {
      const { archiveNo, record } = await loadPersonRecord(db, personalData, a.personId);
      await db.nationalSync.upsert({
        where: { idempotencyKey: a.idempotencyKey },
        create: { personId: a.personId, requestId: a.requestId, idempotencyKey: a.idempotencyKey, kind: a.kind, attempts: 1 },
        update: { attempts: { increment: 1 } },
      });
      try {
        const res = await national.uploadRecord({
          archiveNo,
          record,
          requestId: a.requestId,
          kind: a.kind,
          idempotencyKey: a.idempotencyKey,
        });
        await db.nationalSync.update({
          where: { idempotencyKey: a.idempotencyKey },
          data: { status: 'synced', version: res.version, syncedAt: new Date(), lastError: null },
        });
        return { version: res.version };
      } catch (e) {
        const message = (e as Error).message.slice(0, 500);
        await db.nationalSync.update({ where: { idempotencyKey: a.idempotencyKey }, data: { lastError: message } });
        // A platform unavailable is retried by Temporal with backoff (an operator sees the failing activity in the UI);
        // a refusal for good makes the request need attention (activities/national-refusal.ts).
        const forGood = e instanceof NationalRejectedError;
        log.warn(
          { requestId: a.requestId, idempotencyKey: a.idempotencyKey, error: message },
          forGood ? 'national upload refused for good; the request needs attention' : 'national upload failed; will retry',
        );
        throw e;
      }
    },
  };
}
