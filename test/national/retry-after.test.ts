import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { honouringRetryAfter } from '../../activities/retry-after.ts';
import { NationalRejectedError, NationalUnavailableError, createNationalClient } from '../../national/client.ts';
import { call, createTestDb, newArchiveNo, startStandIn } from './helpers.ts';

let t: Awaited<ReturnType<typeof createTestDb>>;
let standIn: Awaited<ReturnType<typeof startStandIn>>;
beforeAll(async () => {
  t = await createTestDb();
  standIn = await startStandIn(t.db);
});
afterAll(async () => {
  await standIn.close();
  await t.drop();
});

describe('an activity calling the national platform', () => {
  it('is retried when the platform asks (Retry-After), not after its growing backoff; other failures pass unchanged', async () => {
    const national = createNationalClient({ baseUrl: standIn.url, province: '110000' });
    const archiveNo = newArchiveNo();
    const activities = honouringRetryAfter({
      async upload() {
        return national.uploadRecord({ archiveNo, record: { a: 1 }, requestId: 'r', kind: 'collection', idempotencyKey: `k-${archiveNo}` });
      },
      async uploadElsewhere() {
        // Another province uploading a record Beijing keeps: refused, and not to be retried sooner.
        return createNationalClient({ baseUrl: standIn.url, province: '130000' }).uploadRecord({
          archiveNo,
          record: { a: 2 },
          requestId: 'r',
          kind: 'collection',
          idempotencyKey: `h-${archiveNo}`,
        });
      },
    });

    await call(standIn.url, 'PUT', '/admin/faults', { down: true });
    const failure = await activities.upload().then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'NationalUnavailableError', nonRetryable: false, nextRetryDelay: 1000 });
    expect((failure as ApplicationFailure).cause).toBeInstanceOf(NationalUnavailableError);

    await call(standIn.url, 'DELETE', '/admin/faults');
    expect(await activities.upload()).toMatchObject({ version: 1 });
    await expect(activities.uploadElsewhere()).rejects.toBeInstanceOf(NationalRejectedError);
  });
});
