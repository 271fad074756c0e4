import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createSessions } from '../../api/auth/sessions.ts';
import { upsertStaff } from '../../api/auth/users.ts';
import { IMPORT_MAX_BYTES } from '../../api/limits.ts';
import { ARCHIVE_IMPORT_MAX_BYTES } from '../../domain/archive-import.ts';
import { PROBLEM_BASE } from '../../api/problem.ts';
import { FORM_PARTS, MATERIAL_KINDS } from '../../api/requests/form.ts';
import { MATERIAL_MAX_BYTES } from '../../api/requests/materials.ts';
import { createLogger } from '../../clients/log.ts';
import { enumerations } from '../../domain/enums.ts';
import { findPersonalData } from '../../domain/redact.ts';
import { createNationalClient } from '../../national/client.ts';
import { applyMigrations, dropDatabase } from '../../prisma/migrations-runner.ts';
import { signInAdmin, signInReviewer, signUpApplicant } from '../support/accounts.ts';
import { testContext, type TestContext } from '../support/context.ts';
import { accountantForm, fillDraft, newPerson } from '../support/forms.ts';
import { validPhoto, validScan } from '../support/jpeg.ts';
import { type OpenApiDocument, undocumented } from '../api/openapi-expect.ts';
import {
  ANSWERS_MUST_BE_DOCUMENTED,
  DISTRICT_X,
  DISTRICT_Y,
  EXTRA_OPERATIONS,
  POLICIES,
  casesOf,
  describeCase,
  operationsOf,
  type FuzzCase,
  type Fixture,
  type Operation,
} from './hostile-requests.ts';

/** Requests the fuzzer sends in one run, at the least (spread evenly over the operations). */
const REQUESTS_PER_RUN = 10_000;
/** FUZZ_SEED=<n> repeats a run's cases; the seed is printed at the start. */
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : randomBytes(4).readUInt32BE() >>> 1;
const BODY_LIMIT = 32 * 1024;
/**
 * Shares of the requests: operations that hash passwords (argon2) or cross to Temporal or the national
 * platform on each valid request are slow, and get fewer.
 */
const SHARE: Record<string, number> = {
  'POST /auth/register': 0.3,
  'POST /auth/login': 0.4,
  'POST /codec/sign-in': 0.4,
  'POST /requests/{id}/review': 0.6,
  'POST /national/events': 0.6,
  'GET /readyz': 0.5,
};
/** A request unanswered this long is reported as hanging (it reached something that never answers). */
const ANSWER_WITHIN_MS = 20_000;

/*
 * Soundness of "nothing from a refused request is stored". Other test files run at the same time
 * against the run's database and bucket prefix, so their rows and objects cannot be told from the
 * fuzzer's by counting. The fuzzer therefore gets a deployment of its own: its own database (migrated
 * here, dropped afterwards), its own bucket prefix, and a task queue no worker polls. Every write to
 * that database is then the fuzzer's, and a row trigger on every table notes each one (table, kind),
 * so each answer is checked against exactly the writes made while it was handled: a 4xx answer must
 * have made none (but the failed-sign-in counter, which a refused sign-in exists to keep), and the
 * objects put while it was handled (the storage client is wrapped) must be none. The row counts of
 * every table (from information_schema) and the object list are also compared before and after the
 * whole run: whatever changed must have been changed by an answer that succeeded.
 *
 * Without a worker, a request that started a workflow would never be answered; the fixture is built so
 * that the fuzzer cannot get there (see REQUESTS and PEOPLE in hostile-requests.ts), and a request that
 * did would be reported as hanging, not pass.
 */
let ctx: TestContext;
let databaseUrl: string;
let audit: pg.Client;
let fixture: Fixture;
let operations: Operation[];
let apiDocument: OpenApiDocument;
let methodsOfPath: Map<string, string[]>;
const storagePrefix = () => `fuzz-${inject('run').runId}/`;

const objectOps: { op: 'put' | 'remove'; key: string }[] = [];
let lastWrite = 0;
let sent = 0;
const statuses = new Map<number, number>();
const labelCounts = new Map<string, number>();
const acceptedWrites = new Set<string>();
const acceptedObjects = new Set<string>();
let before: { counts: Record<string, number>; objects: string[] };

beforeAll(async () => {
  const run = inject('run');
  databaseUrl = `${run.databaseUrl}_fuzz`;
  await applyMigrations(databaseUrl);
  ctx = await testContext({
    DATABASE_URL: databaseUrl,
    STORAGE_PREFIX: storagePrefix(),
    TEMPORAL_TASK_QUEUE: `fuzz-${run.runId}-no-worker`,
    // Smaller limits than the defaults, so that bodies at and past them are cheap to make and send.
    BODY_LIMIT_BYTES: String(BODY_LIMIT),
    CODEC_BODY_LIMIT_BYTES: String(2 * BODY_LIMIT),
  });
  fixture = await buildFixture(ctx);

  audit = new pg.Client({ connectionString: databaseUrl });
  await audit.connect();
  await audit.query(`
    CREATE TABLE fuzz_write (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL);
    CREATE FUNCTION fuzz_note_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO fuzz_write (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$;
    DO $$ DECLARE t text; BEGIN
      FOR t IN SELECT table_name FROM information_schema.tables
               WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('fuzz_write', '_prisma_migrations')
      LOOP EXECUTE format('CREATE TRIGGER fuzz_note_write AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION fuzz_note_write()', t);
      END LOOP; END $$;`);

  // Objects are put and removed through the deployment's one storage client: note each, per answer.
  const storage = ctx.storage as { put: typeof ctx.storage.put; remove: typeof ctx.storage.remove };
  const { put, remove } = ctx.storage;
  storage.put = (key, ...rest) => (objectOps.push({ op: 'put', key }), put.call(ctx.storage, key, ...rest));
  storage.remove = (key) => (objectOps.push({ op: 'remove', key }), remove.call(ctx.storage, key));

  const doc = await (await ctx.app.request('/openapi.json')).json();
  apiDocument = doc;
  operations = [...operationsOf(doc), ...EXTRA_OPERATIONS];
  methodsOfPath = new Map();
  for (const op of operations) methodsOfPath.set(op.template, [...(methodsOfPath.get(op.template) ?? []), op.method]);
  before = { counts: await tableCounts(), objects: (await ctx.storage.list('')).sort() };
  console.log(`hostile-input: FUZZ_SEED=${SEED} (${operations.length} operations, at least ${REQUESTS_PER_RUN} requests)`);
}, 180_000);

afterAll(async () => {
  await audit?.end();
  if (ctx) {
    for (const key of await ctx.storage.list('')) await ctx.storage.remove(key);
    await ctx.close();
  }
  if (databaseUrl) await dropDatabase(databaseUrl);
});

/**
 * Accounts the fuzzer signs in to with wrong passwords, one of each role. Not the fixture's signed-in
 * users: a lockout ends the locked account's sessions, and theirs must last the run. Never signed in.
 */
async function guessedAccounts(c: TestContext): Promise<string[]> {
  const tag = randomBytes(4).toString('hex');
  const password = 'guessed-account-password-2026';
  await upsertStaff(c.db, { username: `guessed-admin-${tag}`, password, role: 'admin', displayName: '被猜测的管理员' });
  await upsertStaff(c.db, {
    username: `guessed-reviewer-${tag}`,
    password,
    role: 'reviewer',
    displayName: '被猜测的审核人员',
    districtCode: DISTRICT_X,
  });
  const applicant = await c.call('POST', '/auth/register', {
    json: { username: `guessed-applicant-${tag}`, password, displayName: '被猜测的申请人' },
  });
  if (applicant.status !== 201) throw new Error(`registration refused: ${JSON.stringify(applicant.data)}`);
  return [`guessed-applicant-${tag}`, `guessed-admin-${tag}`, `guessed-reviewer-${tag}`];
}

/** Signed-in users, requests and people with known owners and districts, in the fuzzer's database. */
async function buildFixture(c: TestContext): Promise<Fixture> {
  const [applicantA, applicantB, reviewerX, reviewerY, admin, personYOwner] = await Promise.all([
    signUpApplicant(c),
    signUpApplicant(c),
    signInReviewer(c, DISTRICT_X),
    signInReviewer(c, DISTRICT_Y),
    signInAdmin(c),
    signUpApplicant(c),
  ]);
  const draft = async (token: string) => (await c.call('POST', '/requests/collection', { token })).data.requestId as string;
  const requests = {
    draft: await draft(applicantA.token),
    emptyDraft: await draft(applicantA.token),
    pendingX: await draft(applicantA.token),
    pendingY: await draft(applicantB.token),
    returnedY: await draft(applicantB.token),
  };
  // As the workflows' projections leave them; no workflow exists for them.
  const submittedAt = new Date();
  await c.db.request.update({
    where: { id: requests.pendingX },
    data: { state: 'awaitingReview', districtCode: DISTRICT_X, round: 1, submittedAt },
  });
  await c.db.request.update({
    where: { id: requests.pendingY },
    data: { state: 'awaitingReview', districtCode: DISTRICT_Y, round: 1, submittedAt },
  });
  await c.db.request.update({
    where: { id: requests.returnedY },
    data: { state: 'returned', districtCode: DISTRICT_Y, round: 1, submittedAt },
  });

  // People, recorded by the activity an approved collection runs (called here: no worker serves this database).
  const activities = createActivities({
    db: c.db,
    storage: c.storage,
    log: createLogger('silent', 'fuzz'),
    national: createNationalClient({ baseUrl: c.env.NATIONAL_URL, province: c.env.PROVINCE_CODE }),
    personalData: c.personalData,
    provinceCode: c.env.PROVINCE_CODE,
  });
  const collect = async (token: string, district: string) => {
    const id = await fillDraft(c, token, accountantForm(newPerson(district)));
    const { personId } = await activities.recordPerson({ requestId: id });
    await c.db.request.update({ where: { id }, data: { state: 'completed', districtCode: district, submittedAt } });
    return personId;
  };
  const personA = await collect(applicantA.token, DISTRICT_X);
  await c.db.person.update({
    where: { id: personA },
    data: { status: 'transferredOut', transferredTo: '130000', transferredAt: new Date() },
  });
  const personY = await collect(personYOwner.token, DISTRICT_Y);

  const talent = await c.call('POST', `/people/${personY}/talents`, { token: admin.token, json: { type: 'leading', year: 2020 } });
  const credit = await c.call('POST', `/people/${personY}/credits`, {
    token: admin.token,
    json: {
      kind: 'trustworthy',
      occurredOn: '2023-05-01',
      issuer: '北京市财政局',
      documentNo: '京财〔2023〕1号',
      description: '先进会计工作者',
    },
  });
  if (talent.status !== 201 || credit.status !== 201)
    throw new Error(`fixture records refused: ${JSON.stringify([talent.data, credit.data])}`);

  const tokens = {
    applicantA: applicantA.token,
    applicantB: applicantB.token,
    reviewerX: reviewerX.token,
    reviewerY: reviewerY.token,
    admin: admin.token,
  };
  const key = new TextEncoder().encode(c.env.AUTH_SECRET);
  const adminActor = { userId: admin.userId };
  const sessionsOf = (secret: string, lifetimeMs: number) => createSessions({ db: c.db, secret, lifetimeMs, idleMs: 3_600_000 });
  // A session that was live and has been ended on the server (signed out elsewhere, account changed).
  const ended = await sessionsOf(c.env.AUTH_SECRET, 3_600_000).issue(adminActor);
  await c.tokens.end(admin.userId, ended.sessionId);
  const sign = (claims: Record<string, unknown>, alg = 'HS256') =>
    new SignJWT(claims).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime('1h').sign(key);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const applicantSignature = tokens.applicantA.split('.')[2];
  const badAuth: Record<string, string> = {
    missing: '',
    'empty-bearer': 'Bearer ',
    'basic-scheme': `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`,
    'not-a-jwt': 'Bearer not-a-token',
    garbage: `Bearer ${randomBytes(48).toString('base64url')}`,
    expired: `Bearer ${(await sessionsOf(c.env.AUTH_SECRET, -120_000).issue(adminActor)).token}`,
    'session-ended': `Bearer ${ended.token}`,
    'other-secret': `Bearer ${(await sessionsOf('another-deployments-secret-0123456789abcdef', 3_600_000).issue(adminActor)).token}`,
    'alg-none': `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: admin.userId, role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })}.`,
    // The applicant's signature on an administrator's claims.
    'payload-swapped': `Bearer ${tokens.applicantA.split('.')[0]}.${b64({ sub: applicantA.userId, role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })}.${applicantSignature}`,
    'signature-cut': `Bearer ${tokens.admin.slice(0, -6)}`,
    'unknown-role': `Bearer ${await sign({ sub: admin.userId, role: 'superuser' })}`,
    'no-subject': `Bearer ${await sign({ role: 'admin' })}`,
    'numeric-subject': `Bearer ${await sign({ sub: 42, role: 'admin' })}`,
    'other-algorithm': `Bearer ${await sign({ sub: admin.userId, role: 'admin' }, 'HS512')}`,
    'two-tokens': `Bearer ${tokens.admin} ${tokens.admin}`,
    'huge-token': `Bearer ${'a'.repeat(20_000)}.${'b'.repeat(20_000)}.c`,
    'sql-token': "Bearer ' OR '1'='1",
    'cookie-forged': 'codec_session=forged.token.value',
    'cookie-expired': `codec_session=${(await sessionsOf(c.env.AUTH_SECRET, -120_000).issue(adminActor)).token}`,
  };
  const basic = accountantForm(newPerson(DISTRICT_X));
  return {
    tokens,
    badAuth,
    requests,
    people: { a: personA, y: personY },
    talentId: talent.data.id,
    creditId: credit.data.id,
    usernames: await guessedAccounts(c),
    jpeg: { photo: new Uint8Array(await validPhoto()), scan: new Uint8Array(await validScan('idDocument')) },
    formParts: basic,
    limits: {
      body: c.env.BODY_LIMIT_BYTES,
      material: MATERIAL_MAX_BYTES,
      import: IMPORT_MAX_BYTES,
      archive: ARCHIVE_IMPORT_MAX_BYTES,
      codec: c.env.CODEC_BODY_LIMIT_BYTES,
    },
    materialKinds: MATERIAL_KINDS,
    formPartNames: FORM_PARTS,
    enumerationNames: Object.keys(enumerations),
  };
}

async function tableCounts(): Promise<Record<string, number>> {
  const { rows } = await audit.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'fuzz_write' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of rows)
    counts[table_name] = Number((await audit.query(`SELECT count(*) AS n FROM "${table_name}"`)).rows[0].n);
  return counts;
}

/** Writes to the database since the last call. */
async function writesSince(): Promise<{ tbl: string; op: string }[]> {
  const { rows } = await audit.query<{ id: string; tbl: string; op: string }>(
    'SELECT id, tbl, op FROM fuzz_write WHERE id > $1 ORDER BY id',
    [lastWrite],
  );
  if (rows.length) lastWrite = Number(rows[rows.length - 1]!.id);
  return rows;
}

/** A refused sign-in still counts the failure towards the lockout: that update is the refusal's purpose. */
const SIGN_IN = /^\/(auth\/login|codec\/sign-in)(\?|$)/;
const MATERIAL_KEY = /^requests\/[0-9a-f-]{36}\/[A-Za-z]+\/[0-9a-f]{64}\.jpg$/;

/** Sends one case and checks its answer; returns what is wrong with it, or null. */
async function sendAndCheck(c: FuzzCase): Promise<string | null> {
  objectOps.length = 0;
  sent++;
  for (const l of c.labels) labelCounts.set(l, (labelCounts.get(l) ?? 0) + 1);
  let timer: NodeJS.Timeout | undefined;
  const answer = await Promise.race([
    (async () => {
      const res = await ctx.app.request(c.url, { method: c.method, headers: c.headers, body: c.body as BodyInit | undefined });
      return { res, text: await res.text() };
    })(),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ANSWER_WITHIN_MS))),
  ]);
  clearTimeout(timer);
  const writes = await writesSince();
  const objects = objectOps.splice(0);
  if (!answer) return `no answer within ${ANSWER_WITHIN_MS / 1000} s`;
  const { res, text } = answer;
  const status = res.status;
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (status >= 500) return `${status} ${text.slice(0, 500)}`;
  if (ANSWERS_MUST_BE_DOCUMENTED) {
    const wrong = answerUndocumented(c, status, res.headers.get('content-type'), text);
    if (wrong) return wrong;
  }
  if (c.expect.refused && (status < 400 || status >= 500)) return `answered ${status}, but must be refused: ${text.slice(0, 300)}`;
  if (c.expect.statuses && !c.expect.statuses.includes(status))
    return `answered ${status}, expected ${c.expect.statuses.join(' or ')}: ${text.slice(0, 300)}`;
  if (status < 400) {
    for (const w of writes) acceptedWrites.add(w.tbl);
    for (const o of objects) {
      if (o.op === 'put' && !MATERIAL_KEY.test(o.key)) return `stored an object under a key not built by the system: ${o.key}`;
      acceptedObjects.add(o.key);
    }
    return null;
  }
  const shape = problemShape(status, res.headers.get('content-type'), text);
  if (shape) return `${status} is not a problem: ${shape}`;
  const leaked = findPersonalData(text);
  if (leaked.length) return `the refusal repeats personal data: ${leaked.map((l) => `${l.kind} ${l.masked}`).join(', ')}`;
  // A session's last use is noted on any call it makes (throttled), refused or not: bookkeeping, not something stored.
  const stored = writes.filter(
    (w) => !(SIGN_IN.test(c.url) && w.tbl === 'User' && w.op === 'UPDATE') && !(w.tbl === 'Session' && w.op === 'UPDATE'),
  );
  if (stored.length) return `refused with ${status}, yet wrote ${stored.map((w) => `${w.op} ${w.tbl}`).join(', ')}`;
  if (objects.length) return `refused with ${status}, yet stored objects: ${objects.map((o) => `${o.op} ${o.key}`).join(', ')}`;
  return null;
}

/**
 * What the document does not list about an answer, or null. Operations outside the document and a
 * method the path does not document (its 404 or 405 belongs to no operation) are not checked.
 */
function answerUndocumented(c: FuzzCase, status: number, contentType: string | null, text: string): string | null {
  const template = operations.find((op) => op.key === c.op)?.template;
  if (!template || !apiDocument.paths?.[template]?.[c.method.toLowerCase()]) return null;
  let type: string | undefined;
  if (/^application\/problem\+json/.test(contentType ?? '')) {
    try {
      type = String(JSON.parse(text).type);
    } catch {
      /* problemShape reports it */
    }
  }
  return undocumented(apiDocument, c.method, template, status, type);
}

function problemShape(status: number, contentType: string | null, text: string): string | null {
  if (!/^application\/problem\+json/.test(contentType ?? '')) return `content-type ${contentType}: ${text.slice(0, 200)}`;
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  if (typeof p.type !== 'string' || !p.type.startsWith(PROBLEM_BASE)) return `type ${String(p.type)}`;
  for (const k of ['title', 'detail', 'detail_zh']) if (typeof p[k] !== 'string' || !p[k]) return `no ${k}`;
  if (p.status !== status) return `status ${String(p.status)} in a ${status} answer`;
  return null;
}

describe('hostile input, generated from the OpenAPI document, against every operation', () => {
  it('knows who may call every operation of the document', () => {
    expect(operations.filter((op) => !POLICIES[op.key]).map((op) => op.key)).toEqual([]);
  });

  it(`answers every request with a 4xx problem and stores nothing, or succeeds when the request is valid (${REQUESTS_PER_RUN} requests)`, async () => {
    const shares = operations.reduce((sum, op) => sum + (SHARE[op.key] ?? 1), 0);
    const failures: string[] = [];
    const summary: string[] = [];
    for (const [i, op] of operations.entries()) {
      const started = Date.now();
      statuses.clear();
      const cases = casesOf(op, fixture, methodsOfPath.get(op.template) ?? [op.method]).map((c) =>
        Object.defineProperty(c, fc.toStringMethod, { value: () => describeCase(c), enumerable: false }),
      );
      const result = await fc.check(
        fc.asyncProperty(cases, async (c) => {
          const wrong = await sendAndCheck(c);
          if (wrong) throw new Error(wrong);
        }),
        { numRuns: Math.ceil((REQUESTS_PER_RUN * (SHARE[op.key] ?? 1)) / shares), seed: SEED + i, endOnFailure: true },
      );
      summary.push(
        `${op.key}: ${[...statuses]
          .sort()
          .map(([k, n]) => `${k}×${n}`)
          .join(' ')} in ${Date.now() - started} ms`,
      );
      if (result.failed)
        failures.push(
          `${op.key} (seed ${SEED + i}):\n  ${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}\n  ${describeCase(result.counterexample![0] as FuzzCase)}`,
        );
    }
    const labels = [...labelCounts.entries()].sort((a, b) => b[1] - a[1]);
    console.log(summary.join('\n'));
    console.log(`hostile-input: ${sent} requests; ${labels.map(([l, n]) => `${l} ${n}`).join(', ')}`);
    expect(failures, `FUZZ_SEED=${SEED}\n${failures.join('\n\n')}`).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(REQUESTS_PER_RUN);
    // Every kind of hostility was sent.
    for (const label of [
      'auth:bad:expired',
      'auth:bad:other-secret',
      'auth:bad:missing',
      'auth:bad:alg-none',
      'body:malformed',
      'body:wrong-type',
      'body:wrong-content-type',
      'body:over-limit',
      'body:unstorable-text',
      'param:encoded-traversal',
      'param:raw-traversal',
      'method:wrong',
    ])
      expect(labelCounts.get(label), label).toBeGreaterThan(0);
  }, 240_000);

  it('changed no table and no object but through requests that succeeded', async () => {
    const after = { counts: await tableCounts(), objects: (await ctx.storage.list('')).sort() };
    // The trigger saw the writes of the requests that succeeded (drafts, at the least).
    expect(acceptedWrites.has('Request')).toBe(true);
    const changed = Object.keys(after.counts).filter((t) => after.counts[t] !== before.counts[t]);
    expect(changed.filter((t) => !acceptedWrites.has(t))).toEqual([]);
    expect(after.objects.filter((o) => !before.objects.includes(o) && !acceptedObjects.has(o))).toEqual([]);
  });
});
