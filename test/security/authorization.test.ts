import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtReviewUpdate, resubmitUpdate, statusQuery, submitUpdate, withdrawUpdate, type Actor } from '../../workflows/messages.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { collectedPerson } from '../support/collected.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, uploadMaterial } from '../support/forms.ts';
import { LOG_DIR } from '../support/global-setup.ts';
import { validPhoto, validScan } from '../support/jpeg.ts';
import { makeUscc } from '../../domain/uscc.ts';
import { expectDocumented, type OpenApiDocument, templateOf } from '../api/openapi-expect.ts';

/**
 * Who reaches what: an applicant their own data and requests only, a district reviewer their district's,
 * an administrator everything. Every endpoint that reads or changes personal data or requests, for the
 * owner, another applicant, the reviewer of the district, the reviewer of another district and an
 * administrator. One rule: what the caller may not know exists answers 404, exactly as for something
 * that does not exist, whatever they ask of it; 403 is for a role refused what it can see or for lists.
 * Each refusal is logged as a warning naming who.
 */
const X = '110105'; // the district of the request and the person
const Y = '110108';

type Session = { token: string; userId: string };
type Who = 'owner' | 'otherApplicant' | 'reviewerX' | 'reviewerY' | 'admin';
const WHO: Who[] = ['owner', 'otherApplicant', 'reviewerX', 'reviewerY', 'admin'];

let ctx: TestContext;
let logFile: string;
let s: Record<Exclude<Who, 'owner'>, Session> & { applicant: Session; personOwner: Session };
/** A's collection awaiting review in X, A's draft, the person collected in X and their change awaiting review. */
let submitted: string, draft: string, person: string, change: string;
/** Another collection of A's awaiting review in X, which its applicant withdraws. */
let withdrawable: string;
let talent: string, credit: string;
/** A staff account only administrators may change. */
let staffTarget: string;
/** An archive import job an administrator started, finished. */
let archiveJob: string;
/** An employer unit registered in X. */
let unitInX: string;
/** Reviewer X's message that A's collection entered the inbox. */
let message: string;
let form: ReturnType<typeof accountantForm>;
let doc: OpenApiDocument;

beforeAll(async () => {
  ctx = await testContext();
  doc = await (await ctx.app.request('/openapi.json')).json();
  logFile = `${LOG_DIR}test-${ctx.run.runId}-api.log`;
  const [applicant, otherApplicant, reviewerX, reviewerY, admin, collected] = await Promise.all([
    signUpApplicant(ctx),
    signUpApplicant(ctx),
    signInReviewer(ctx, X),
    signInReviewer(ctx, Y),
    signInAdmin(ctx),
    collectedPerson(ctx, X),
  ]);
  s = { applicant, otherApplicant, reviewerX, reviewerY, admin, personOwner: collected.applicant };
  staffTarget = (await signInReviewer(ctx, Y)).userId;
  const upload = new FormData();
  upload.set(
    'people',
    new File(
      [
        'idNumber,idType,name,sex,birthDate,nationality,mobile,email,address,situation,districtCode,districtBasis\r\n110105199003071230,居民身份证,张伟,男,1990-03-07,CHN,13900000000,a@example.com,北京,accountingWork,110105,workUnit',
      ],
      'people.csv',
    ),
  );
  archiveJob = (await ctx.call('POST', '/admin/archive-imports', { token: admin.token, body: upload })).data.id;
  for (let i = 0; (await ctx.call('GET', `/admin/archive-imports/${archiveJob}`, { token: admin.token })).data.state === 'running'; i++) {
    if (i > 300) throw new Error('the archive import job did not finish');
    await new Promise((r) => setTimeout(r, 100));
  }
  const unit = await ctx.call('POST', '/units/register', {
    json: {
      creditCode: makeUscc({ areaCode: X, orgCode: String(10_000_000 + Math.floor(Math.random() * 89_999_999)) }),
      name: '授权测试单位',
      districtCode: X,
      contactName: '经办',
      phone: '010-12345678',
      username: `unit-${Date.now().toString(36)}`,
      password: 'authorization unit 2026',
    },
  });
  expect(unit.status).toBe(201);
  unitInX = unit.data.id;
  person = collected.person.id;
  form = collected.form;

  submitted = await fillDraft(ctx, applicant.token, accountantForm());
  expect((await ctx.call('POST', `/requests/${submitted}/submit`, { token: applicant.token })).status).toBe(200);
  draft = (await ctx.call('POST', '/requests/collection', { token: applicant.token })).data.requestId;
  withdrawable = await fillDraft(ctx, applicant.token, accountantForm());
  expect((await ctx.call('POST', `/requests/${withdrawable}/submit`, { token: applicant.token })).status).toBe(200);

  // The person's change of work unit, submitted: a request of the person, in review in X.
  const owner = collected.applicant.token;
  change = (await ctx.call('POST', '/requests/change', { token: owner })).data.requestId;
  expect(
    (await ctx.call('PUT', `/requests/${change}/form/work`, { token: owner, json: { ...form.work, unitName: '北京授权测试有限公司' } }))
      .status,
  ).toBe(200);
  expect((await uploadMaterial(ctx, owner, change, 'workProof', await validScan('workProof'))).status).toBe(200);
  await ctx.call('POST', `/requests/${change}/commitment`, { token: owner });
  expect((await ctx.call('POST', `/requests/${change}/submit`, { token: owner })).status).toBe(200);

  message = (
    await ctx.db.notification.findFirstOrThrow({ where: { recipientId: reviewerX.userId, requestId: submitted, type: 'submitted' } })
  ).id;
  talent = (await ctx.call('POST', `/people/${person}/talents`, { token: admin.token, json: { type: 'leading', year: 2020 } })).data.id;
  credit = (
    await ctx.call('POST', `/people/${person}/credits`, {
      token: admin.token,
      json: {
        kind: 'trustworthy',
        occurredOn: '2023-05-01',
        issuer: '北京市财政局',
        documentNo: `京财〔2023〕${Date.now()}号`,
        description: '先进会计工作者',
      },
    })
  ).data.id;
}, 120_000);
afterAll(() => ctx.close());

const sessionOf = (who: Who, ownerOf: 'request' | 'person') =>
  who === 'owner' ? (ownerOf === 'request' ? s.applicant : s.personOwner) : s[who];

/** The lines this file's API wrote to the run's log since `from` (other files write to it too). */
function logLinesSince(from: number): Record<string, unknown>[] {
  if (!existsSync(logFile)) return [];
  const size = statSync(logFile).size;
  const buf = Buffer.alloc(size - from);
  const fd = openSync(logFile, 'r');
  try {
    readSync(fd, buf, 0, buf.length, from);
  } finally {
    closeSync(fd);
  }
  return buf
    .toString('utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

interface Row {
  what: string;
  method: string;
  path: () => string;
  /** JSON, or JPEG bytes for a material upload. */
  body?: () => unknown | Promise<unknown>;
  /** Whose request or person it is. */
  of: 'request' | 'person' | 'none';
  expect: Record<Who, number>;
}

// 2xx: allowed. 403 / 404: refused (and logged). 409 / 422: allowed to ask, refused in the current state.
const visibleRequest = { owner: 200, otherApplicant: 404, reviewerX: 200, reviewerY: 404, admin: 200 };
const visiblePerson = { owner: 200, otherApplicant: 404, reviewerX: 200, reviewerY: 404, admin: 200 };
const ownDraft = { owner: 200, otherApplicant: 404, reviewerX: 404, reviewerY: 404, admin: 403 };
const adminOnly = { owner: 403, otherApplicant: 403, reviewerX: 403, reviewerY: 403, admin: 200 };
/** Administrators' changes to a person: to whom the person is not visible, it does not exist. */
const adminOfPerson = { owner: 403, otherApplicant: 404, reviewerX: 403, reviewerY: 404, admin: 200 };
const nobody = { owner: 403, otherApplicant: 403, reviewerX: 403, reviewerY: 403, admin: 403 };
const everyone = { owner: 200, otherApplicant: 200, reviewerX: 200, reviewerY: 200, admin: 200 };
const staffOfX = { owner: 403, otherApplicant: 403, reviewerX: 200, reviewerY: 403, admin: 200 };

const rows: Row[] = [
  // Requests: A's collection in review in district X.
  { what: 'request detail', method: 'GET', path: () => `/requests/${submitted}`, of: 'request', expect: visibleRequest },
  { what: 'request status', method: 'GET', path: () => `/requests/${submitted}/status`, of: 'request', expect: visibleRequest },
  { what: 'request timeline', method: 'GET', path: () => `/requests/${submitted}/timeline`, of: 'request', expect: visibleRequest },
  { what: 'request material', method: 'GET', path: () => `/requests/${submitted}/materials/photo`, of: 'request', expect: visibleRequest },
  { what: 'change request detail', method: 'GET', path: () => `/requests/${change}`, of: 'person', expect: visibleRequest },
  {
    what: 'resubmit',
    method: 'POST',
    path: () => `/requests/${submitted}/resubmit`,
    of: 'request',
    expect: { owner: 409, otherApplicant: 404, reviewerX: 403, reviewerY: 404, admin: 403 },
  },
  {
    what: 'review',
    method: 'POST',
    path: () => `/requests/${submitted}/review`,
    body: () => ({ outcome: 'returned', reasons: [{ target: 'field', path: 'basic.address', reason: '请补充门牌号' }] }),
    of: 'request',
    expect: { owner: 403, otherApplicant: 404, reviewerX: 0, reviewerY: 404, admin: 403 },
  },
  // The owner withdraws it first; the administrator then finds it closed.
  {
    what: 'withdraw',
    method: 'POST',
    path: () => `/requests/${withdrawable}/withdraw`,
    body: () => ({ reason: '申请人书面要求撤回' }),
    of: 'request',
    expect: { owner: 200, otherApplicant: 404, reviewerX: 403, reviewerY: 404, admin: 409 },
  },
  // Only administrators retry a refused national call; this request needs none (409).
  {
    what: 'retry a refused national call',
    method: 'POST',
    path: () => `/requests/${submitted}/retry`,
    of: 'request',
    expect: { owner: 403, otherApplicant: 404, reviewerX: 403, reviewerY: 404, admin: 409 },
  },
  // A's draft: the applicant's alone; reviewers do not see drafts at all.
  { what: 'draft detail', method: 'GET', path: () => `/requests/${draft}`, of: 'request', expect: { ...visibleRequest, reviewerX: 404 } },
  {
    what: 'save a form part',
    method: 'PUT',
    path: () => `/requests/${draft}/form/basic`,
    body: () => form.basic,
    of: 'request',
    expect: ownDraft,
  },
  {
    what: 'upload a material',
    method: 'PUT',
    path: () => `/requests/${draft}/materials/photo`,
    body: async () => new Uint8Array(await validPhoto()),
    of: 'request',
    expect: ownDraft,
  },
  { what: 'accept the commitment', method: 'POST', path: () => `/requests/${draft}/commitment`, of: 'request', expect: ownDraft },
  { what: 'submit', method: 'POST', path: () => `/requests/${draft}/submit`, of: 'request', expect: { ...ownDraft, owner: 422 } },
  // Lists of requests.
  {
    what: 'my requests',
    method: 'GET',
    path: () => '/requests',
    of: 'request',
    expect: { owner: 200, otherApplicant: 200, reviewerX: 403, reviewerY: 403, admin: 403 },
  },
  {
    what: 'review inbox',
    method: 'GET',
    path: () => '/reviews/inbox?pageSize=100',
    of: 'none',
    expect: { owner: 403, otherApplicant: 403, reviewerX: 200, reviewerY: 200, admin: 403 },
  },
  // The person's record, in district X.
  { what: 'linked record', method: 'GET', path: () => `/people/${person}/record`, of: 'person', expect: visiblePerson },
  { what: 'record material', method: 'GET', path: () => `/people/${person}/materials/photo`, of: 'person', expect: visiblePerson },
  {
    what: 'continuing-education status',
    method: 'GET',
    path: () => `/people/${person}/continuing-education/status`,
    of: 'person',
    expect: visiblePerson,
  },
  { what: 'talents', method: 'GET', path: () => `/people/${person}/talents`, of: 'person', expect: visiblePerson },
  { what: 'credits', method: 'GET', path: () => `/people/${person}/credits`, of: 'person', expect: visiblePerson },
  // An applicant's own next step and real-name claim: applicants only; a number received nowhere here is refused (422).
  {
    what: 'next step about the own record',
    method: 'GET',
    path: () => '/people/me/next-step',
    of: 'none',
    expect: { owner: 200, otherApplicant: 200, reviewerX: 403, reviewerY: 403, admin: 403 },
  },
  {
    what: 'claim a received record',
    method: 'POST',
    path: () => '/people/me/claim',
    body: () => ({ idNumber: '110105199001011234', name: '张伟' }),
    of: 'none',
    expect: { owner: 422, otherApplicant: 422, reviewerX: 403, reviewerY: 403, admin: 403 },
  },
  {
    what: 'change contact details',
    method: 'PUT',
    path: () => `/people/${person}/contact`,
    body: () => ({ email: `auth-${Date.now()}@example.com` }),
    of: 'person',
    expect: { owner: 200, otherApplicant: 404, reviewerX: 403, reviewerY: 404, admin: 403 },
  },
  {
    what: 'add a talent',
    method: 'POST',
    path: () => `/people/${person}/talents`,
    body: () => ({ type: 'international', year: 2021 }),
    of: 'person',
    expect: { ...adminOfPerson, admin: 201 },
  },
  {
    what: 'replace a talent',
    method: 'PUT',
    path: () => `/people/${person}/talents/${talent}`,
    body: () => ({ type: 'leading', year: 2019 }),
    of: 'person',
    expect: adminOfPerson,
  },
  {
    what: 'delete a talent',
    method: 'DELETE',
    path: () => `/people/${person}/talents/${talent}`,
    of: 'person',
    expect: { ...adminOfPerson, admin: 204 },
  },
  {
    what: 'add a credit record',
    method: 'POST',
    path: () => `/people/${person}/credits`,
    body: () => ({
      kind: 'untrustworthy',
      occurredOn: '2024-06-01',
      issuer: '北京市财政局',
      documentNo: `京财罚〔2024〕${Date.now()}号`,
      description: '伪造会计凭证',
    }),
    of: 'person',
    expect: { ...adminOfPerson, admin: 201 },
  },
  {
    what: 'replace a credit record',
    method: 'PUT',
    path: () => `/people/${person}/credits/${credit}`,
    body: () => ({
      kind: 'trustworthy',
      occurredOn: '2023-05-02',
      issuer: '北京市财政局',
      documentNo: `京财〔2023〕${Date.now()}号`,
      description: '先进会计工作者',
    }),
    of: 'person',
    expect: adminOfPerson,
  },
  {
    what: 'delete a credit record',
    method: 'DELETE',
    path: () => `/people/${person}/credits/${credit}`,
    of: 'person',
    expect: { ...adminOfPerson, admin: 204 },
  },
  // Many people at once: staff of the district, administrators.
  { what: 'person search', method: 'GET', path: () => `/people?district=${X}`, of: 'none', expect: staffOfX },
  { what: 'person export', method: 'GET', path: () => `/people/export?district=${X}&format=csv`, of: 'none', expect: staffOfX },
  { what: 'statistics', method: 'GET', path: () => `/statistics?district=${X}`, of: 'none', expect: staffOfX },
  { what: 'statistics export', method: 'GET', path: () => `/statistics/export?district=${X}&format=csv`, of: 'none', expect: staffOfX },
  { what: 'requests needing attention', method: 'GET', path: () => '/admin/requests/needs-attention', of: 'none', expect: adminOnly },
  { what: 'holiday arrangements', method: 'GET', path: () => '/admin/holiday-arrangements', of: 'none', expect: adminOnly },
  {
    what: 'load a holiday arrangement',
    method: 'PUT',
    path: () => '/admin/holiday-arrangements/2099',
    body: () => ({ source: '国务院办公厅关于2099年部分节假日安排的通知', holidays: ['2099-01-01'], workdays: [] }),
    of: 'none',
    expect: adminOnly,
  },
  // Messages: everyone their own; someone else's is not there for them.
  {
    what: 'own messages',
    method: 'GET',
    path: () => '/notifications',
    of: 'none',
    expect: { owner: 200, otherApplicant: 200, reviewerX: 200, reviewerY: 200, admin: 200 },
  },
  {
    what: "mark a reviewer's message read",
    method: 'POST',
    path: () => `/notifications/${message}/read`,
    of: 'none',
    expect: { owner: 404, otherApplicant: 404, reviewerX: 200, reviewerY: 404, admin: 404 },
  },
  { what: 'access log', method: 'GET', path: () => `/admin/access-log?personId=${person}`, of: 'none', expect: adminOnly },
  // Staff accounts and their trail: administrators only.
  { what: 'staff accounts', method: 'GET', path: () => '/admin/staff', of: 'none', expect: adminOnly },
  { what: 'account changes', method: 'GET', path: () => '/admin/account-changes', of: 'none', expect: adminOnly },
  {
    what: 'reset a staff password',
    method: 'POST',
    path: () => `/admin/staff/${staffTarget}/password-reset`,
    of: 'none',
    expect: adminOnly,
  },
  {
    what: 'change a staff account',
    method: 'PATCH',
    path: () => `/admin/staff/${staffTarget}`,
    body: () => ({ phone: '010-87654321' }),
    of: 'none',
    expect: adminOnly,
  },
  // Employer units: staff see and confirm the units of their districts.
  { what: 'employer units', method: 'GET', path: () => '/units', of: 'none', expect: { ...staffOfX, reviewerY: 200 } },
  {
    what: 'confirm an employer unit',
    method: 'POST',
    path: () => `/units/${unitInX}/confirm`,
    of: 'none',
    expect: { owner: 403, otherApplicant: 403, reviewerX: 200, reviewerY: 404, admin: 200 },
  },
  // A unit's own routes: no applicant or staff member is a unit's contact (test/units covers the contact).
  { what: "a unit's accountants", method: 'GET', path: () => '/units/mine/accountants', of: 'none', expect: nobody },
  {
    what: 'confirm employment',
    method: 'POST',
    path: () => `/units/mine/requests/${submitted}/employment-confirmation`,
    of: 'none',
    expect: nobody,
  },
  // Each signed-in person's own sessions.
  { what: 'my sessions', method: 'GET', path: () => '/auth/sessions', of: 'none', expect: everyone },
  {
    what: 'decode workflow payloads',
    method: 'POST',
    path: () => '/codec/decode',
    body: () => ({ payloads: [] }),
    of: 'none',
    expect: adminOnly,
  },
  {
    what: 'import continuing education',
    method: 'POST',
    path: () => '/admin/continuing-education/import',
    body: () =>
      `archiveNo,year,course,credits,professional,provider,completedOn\r\n${form.basic.idNumber},2025,会计准则,10,是,北京国家会计学院,2025-03-01`,
    of: 'none',
    expect: adminOnly,
  },
  {
    what: 'import an existing archive',
    method: 'POST',
    path: () => '/admin/archive-imports',
    body: () => {
      const f = new FormData();
      f.set('people', new File([`idNumber,name\r\n${form.basic.idNumber},张伟`], 'people.csv'));
      return f;
    },
    of: 'none',
    expect: { ...adminOnly, admin: 202 },
  },
  {
    what: 'an archive import job',
    method: 'GET',
    path: () => `/admin/archive-imports/${archiveJob}`,
    of: 'none',
    expect: adminOnly,
  },
  {
    what: 'an archive import report',
    method: 'GET',
    path: () => `/admin/archive-imports/${archiveJob}/report.csv`,
    of: 'none',
    expect: adminOnly,
  },
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

async function send(who: Who, row: Row, path = row.path()) {
  const { token } = sessionOf(who, row.of === 'person' ? 'person' : 'request');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: BodyInit | undefined;
  const value = await row.body?.();
  if (value instanceof Uint8Array) {
    headers['content-type'] = 'image/jpeg';
    body = value as unknown as BodyInit;
  } else if (value instanceof FormData) {
    body = value;
  } else if (typeof value === 'string') {
    headers['content-type'] = 'text/csv';
    body = value;
  } else if (value !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(value);
  }
  const res = await ctx.app.request(path, { method: row.method, headers, body });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}

describe('authorization of every endpoint that reads or changes personal data or requests', () => {
  for (const row of rows) {
    it(`${row.what} (${row.method}): ${WHO.map((w) => `${w} ${row.expect[w] || '—'}`).join(', ')}`, async () => {
      for (const who of WHO) {
        const expected = row.expect[who];
        if (!expected) continue;
        const session = sessionOf(who, row.of === 'person' ? 'person' : 'request');
        const from = existsSync(logFile) ? statSync(logFile).size : 0;
        const res = await send(who, row);
        expect(res.status, `${who}: ${res.text.slice(0, 300)}`).toBe(expected);
        // Every answer seen here is one the document lists for the operation, with its problem type.
        const template = templateOf(doc, row.path());
        expect(template, `${row.path()} is in the document`).toBeDefined();
        const problemType = res.contentType?.startsWith('application/problem+json')
          ? (JSON.parse(res.text) as { type: string }).type
          : undefined;
        expectDocumented(doc, row.method, template!, res.status, problemType);
        const refusals = logLinesSince(from).filter((l) => l.msg === 'access refused' && l.userId === session.userId);
        if (expected === 403 || expected === 404) {
          expect(res.contentType).toMatch(/^application\/problem\+json/);
          expect(refusals, `${who}: refusal logged`).toEqual([
            expect.objectContaining({
              level: 40,
              userId: session.userId,
              status: expected,
              method: row.method,
              resourceId: UUID.exec(row.path().split('?')[0]!)?.[0] ?? null,
            }),
          ]);
          // Nothing of the person in the refusal, in the answer or the log line.
          for (const text of [res.text, JSON.stringify(refusals)])
            for (const secret of [form.basic.idNumber, form.basic.name]) expect(text).not.toContain(secret);
        } else {
          expect(refusals, `${who}: nothing logged as refused`).toEqual([]);
        }
        if (expected === 404) {
          // Exactly as for something that does not exist.
          const nobody = await send(who, row, row.path().replace(UUID, '00000000-0000-4000-8000-000000000000'));
          const strip = (t: string) => ({ ...JSON.parse(t), instance: undefined });
          expect(nobody.status).toBe(404);
          expect(strip(res.text)).toEqual(strip(nobody.text));
        }
      }
    });
  }

  it("shows each reviewer only their district's requests in the inbox, each applicant only their own requests", async () => {
    const ids = async (token: string, path: string) => {
      const res = await ctx.call('GET', path, { token });
      return (Array.isArray(res.data) ? res.data : res.data.items).map((i: { requestId: string }) => i.requestId);
    };
    expect(await ids(s.reviewerX.token, '/reviews/inbox?pageSize=100')).toEqual(expect.arrayContaining([submitted, change]));
    expect(await ids(s.reviewerY.token, '/reviews/inbox?pageSize=100')).not.toEqual(expect.arrayContaining([submitted]));
    expect(await ids(s.reviewerY.token, '/reviews/inbox?pageSize=100')).not.toContain(change);
    expect(await ids(s.applicant.token, '/requests')).toEqual(expect.arrayContaining([submitted, draft]));
    const others = await ids(s.otherApplicant.token, '/requests');
    expect(others).not.toContain(submitted);
    expect(others).not.toContain(draft);
  });
});

describe("the workflows' own checks, when the API's are bypassed", () => {
  const refusalOf = (p: Promise<unknown>) =>
    p.then(
      () => 'accepted',
      (e) => (e instanceof WorkflowUpdateFailedError ? (e.cause as { type?: string }).type : `unexpected ${String(e)}`),
    );

  for (const kind of ['collection', 'change'] as const) {
    it(`a ${kind} request refuses a decision from anyone but a reviewer of its district, and a resubmission from anyone but its applicant`, async () => {
      const id = kind === 'collection' ? submitted : change;
      const applicant = kind === 'collection' ? s.applicant : s.personOwner;
      const { workflowId } = await ctx.db.request.findUniqueOrThrow({ where: { id } });
      const handle = ctx.temporal.workflow.getHandle(workflowId);
      const as = (session: Session, role: Actor['role'], districtCode?: string): Actor => ({ userId: session.userId, role, districtCode });
      const decide = (actor: Actor) => handle.executeUpdate(districtReviewUpdate, { args: [{ outcome: 'approved', actor }] });

      expect(await refusalOf(decide(as(s.reviewerY, 'reviewer', Y)))).toBe('wrong-district');
      // A reviewer's id with another district claimed, an applicant or an administrator claiming the district.
      expect(await refusalOf(decide(as(s.reviewerY, 'reviewer', '110101')))).toBe('wrong-district');
      expect(await refusalOf(decide(as(applicant, 'applicant', X)))).toBe('not-a-reviewer');
      expect(await refusalOf(decide(as(s.admin, 'admin', X)))).toBe('not-a-reviewer');
      expect(await refusalOf(handle.executeUpdate(resubmitUpdate, { args: [{ actor: as(s.otherApplicant, 'applicant') }] }))).toBe(
        'not-your-request',
      );
      expect(await refusalOf(handle.executeUpdate(submitUpdate, { args: [{ actor: as(s.otherApplicant, 'applicant') }] }))).toBe(
        'not-your-request',
      );
      expect(await refusalOf(handle.executeUpdate(resubmitUpdate, { args: [{ actor: as(s.reviewerX, 'reviewer', X) }] }))).toBe(
        'not-your-request',
      );
      const withdraw = (actor: Actor, reason?: string) => handle.executeUpdate(withdrawUpdate, { args: [{ actor, reason }] });
      expect(await refusalOf(withdraw(as(s.otherApplicant, 'applicant')))).toBe('not-your-request');
      expect(await refusalOf(withdraw(as(s.reviewerX, 'reviewer', X), '重复'))).toBe('withdraw-not-allowed');
      expect(await refusalOf(withdraw(as(s.admin, 'admin')))).toBe('withdraw-reason-required');

      // Nothing was decided or recorded.
      expect(await ctx.db.reviewDecision.count({ where: { requestId: id } })).toBe(0);
      expect((await handle.query(statusQuery)).state).toBe('awaitingReview');
      expect((await ctx.db.request.findUniqueOrThrow({ where: { id } })).state).toBe('awaitingReview');

      // The district's reviewer is heard.
      expect((await decide(as(s.reviewerX, 'reviewer', X))).state).toBe('approved');
    });
  }
});
