import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED_ARRANGEMENTS } from '../../domain/calendar/holiday-arrangements.ts';
import { parseDeadline } from '../../domain/deadlines.ts';
import { calendarOf, isWorkingDay, workingDueAt } from '../../domain/working-days.ts';
import { statusQuery } from '../../workflows/messages.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import type { TestContext } from '../support/context.ts';
import { ownDeployment } from '../support/own-deployment.ts';
import { accountantForm, fillDraft, waitForState } from '../support/forms.ts';
import { recordHistory } from '../support/histories.ts';

// A review deadline long enough to run into a year whose arrangement is not in the repository.
const REVIEW_DEADLINE = '25wd';
// A loaded arrangement signals every running request: on a deployment of this file's own (ownDeployment).
let own: Awaited<ReturnType<typeof ownDeployment>>;
let ctx: TestContext;
let admin: { token: string };
let reviewer: { token: string };
beforeAll(async () => {
  own = await ownDeployment('calendar', { REVIEW_DEADLINE });
  ctx = own.ctx;
  admin = await signInAdmin(ctx);
  reviewer = await signInReviewer(ctx, '110105');
}, 180_000);
afterAll(() => own?.close());

const cstDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
const typeOf = (r: { data: { type?: string } }) => r.data.type?.replace(/^.*\/problems\//, '');

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('working-day deadlines with the holiday arrangements', () => {
  it('lists the repository years, refuses an arrangement that cannot be right, and only to administrators', async () => {
    const listed = await ctx.call('GET', '/admin/holiday-arrangements', { token: admin.token });
    expect(listed.status).toBe(200);
    expect(listed.data.map((a: { year: number }) => a.year)).toEqual(expect.arrayContaining([2025, 2026]));
    expect(listed.data.find((a: { year: number }) => a.year === 2026)).toMatchObject({
      loaded: false,
      workdays: expect.arrayContaining(['2026-02-14']),
    });
    const wrong = await ctx.call('PUT', '/admin/holiday-arrangements/2031', {
      token: admin.token,
      json: { source: 'test', holidays: ['2031-01-01'], workdays: ['2031-01-08'] },
    });
    expect([wrong.status, typeOf(wrong)]).toEqual([422, 'holiday-arrangement-invalid']);
    expect(wrong.data.detail).toContain('2031-01-08: a working day that is not a weekend day');
    expect((await ctx.call('GET', '/admin/holiday-arrangements', { token: reviewer.token })).status).toBe(403);
  });

  it('a running request counts its due date again once the year it falls in is loaded, and warns until then', async () => {
    const applicant = await signUpApplicant(ctx);
    const id = await fillDraft(ctx, applicant.token, accountantForm());
    const submitted = await ctx.call('POST', `/requests/${id}/submit`, { token: applicant.token });
    expect(submitted.status).toBe(200);
    const { reviewDueAt } = submitted.data as { reviewDueAt: string };
    const from = (await ctx.db.request.findUniqueOrThrow({ where: { id } })).submittedAt!.getTime();
    const known = calendarOf(PUBLISHED_ARRANGEMENTS);
    const expected = workingDueAt(from, parseDeadline(REVIEW_DEADLINE), known);
    expect(cstDay(reviewDueAt)).toBe(cstDay(new Date(expected.at).toISOString()));
    const dueYear = Number(cstDay(reviewDueAt).slice(0, 4));
    expect(known[String(dueYear)], 'the due date falls in a year the repository has no arrangement for').toBeUndefined();
    expect(submitted.data.dueDateWarning).toMatchObject({ years: expect.arrayContaining([dueYear]) });
    expect(submitted.data.dueDateWarning.zh).toContain(`${dueYear}`);

    // The year is published: its first holiday is the day the request was due (a test arrangement, not the real one).
    const dueDay = cstDay(reviewDueAt);
    expect(isWorkingDay(Date.parse(reviewDueAt), known)).toBe(true);
    const loaded = await ctx.call('PUT', `/admin/holiday-arrangements/${dueYear}`, {
      token: admin.token,
      json: { source: `test arrangement for ${dueYear}`, holidays: [dueDay], workdays: [] },
    });
    expect(loaded.status).toBe(200);
    expect(loaded.data).toMatchObject({ year: dueYear, loaded: true, holidays: [dueDay] });
    expect(loaded.data.signalled).toBeGreaterThanOrEqual(1);

    const withYear = { ...known, [String(dueYear)]: { holidays: [dueDay], workdays: [] } };
    const recounted = workingDueAt(from, parseDeadline(REVIEW_DEADLINE), withYear);
    const handle = ctx.temporal.workflow.getHandle(`collection-${id}`);
    const live = await until(
      () => handle.query(statusQuery),
      (s) => s.reviewDueAt !== reviewDueAt,
      'the due date counted again',
    );
    expect(cstDay(live.reviewDueAt!)).toBe(cstDay(new Date(recounted.at).toISOString()));
    expect(Date.parse(live.reviewDueAt!)).toBeGreaterThan(Date.parse(reviewDueAt));
    expect(live.dueDateWarning?.years ?? []).not.toContain(dueYear);
    const row = await until(
      () => ctx.db.request.findUniqueOrThrow({ where: { id } }),
      (r) => r.reviewDueAt?.toISOString() === live.reviewDueAt,
      'the projection of the new due date',
    );
    expect(row.state).toBe('awaitingReview');

    // The request goes on as before.
    const approved = await ctx.call('POST', `/requests/${id}/review`, { token: reviewer.token, json: { outcome: 'approved' } });
    expect(approved.data.state).toBe('approved');
    await waitForState(ctx, id, 'completed', 60_000);
    const timeline = await ctx.call('GET', `/requests/${id}/timeline`, { token: applicant.token });
    expect(timeline.data.events.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'dueDateRecounted',
      'approved',
      'recording',
      'uploading',
      'completed',
    ]);
    await recordHistory(ctx.temporal, `collection-${id}`, 'collectionRequest--due-date-recounted');
  });
});
