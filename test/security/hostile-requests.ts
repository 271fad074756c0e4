/**
 * Hostile requests for every operation of the API, generated with fast-check from the API's own
 * OpenAPI document: wrong and missing tokens, tokens of the wrong role or owner, malformed and
 * oversized bodies, wrong types, odd Unicode, SQL and HTML in fields, path traversal in path
 * parameters, wrong content types and methods.
 *
 * Each case says whether the API must refuse it, and with what, by walking the checks in the order
 * the API makes them (api/app.ts): the body limit (413), the JSON text guard (400), the session
 * (401) and an administrators-only gate (403), then the route's own validation and authorization.
 * A case nothing is known to be wrong with "may be valid": it may succeed, but never with a 5xx.
 */
import { FORM_PART_ROUTES } from '../../api/requests/form-documentation.ts';
import fc from 'fast-check';
import { unsafeTextIn } from '../../domain/text.ts';
import { usccCheckChar } from '../../domain/uscc.ts';

export const DISTRICT_X = '110105'; // 朝阳区
export const DISTRICT_Y = '110108'; // 海淀区

// ---------------------------------------------------------------------------------------------
// The world the fuzzer acts in: five signed-in users and requests and people with known owners.

export const ROLES = ['applicantA', 'applicantB', 'reviewerX', 'reviewerY', 'admin'] as const;
export type Role = (typeof ROLES)[number];
const kindOf = (r: Role) => (r === 'admin' ? 'admin' : r.startsWith('reviewer') ? 'reviewer' : 'applicant');
const districtOf = (r: Role) => (r === 'reviewerX' ? DISTRICT_X : r === 'reviewerY' ? DISTRICT_Y : undefined);

/** Requests of the fixture, by what they are. None has a workflow: the fuzzer never gets that far. */
export const REQUESTS = {
  /** A's collection draft, which the fuzzer may fill in (form parts, materials, commitment). */
  draft: { owner: 'applicantA', district: null, state: 'draft' },
  /** A's draft that stays empty, so that submitting it is always refused as incomplete. */
  emptyDraft: { owner: 'applicantA', district: null, state: 'draft' },
  pendingX: { owner: 'applicantA', district: DISTRICT_X, state: 'awaitingReview' },
  pendingY: { owner: 'applicantB', district: DISTRICT_Y, state: 'awaitingReview' },
  /** Returned without a review decision: nothing may change, and a resubmit is incomplete. */
  returnedY: { owner: 'applicantB', district: DISTRICT_Y, state: 'returned' },
} as const satisfies Record<string, { owner: Role; district: string | null; state: string }>;
export type RequestRef = keyof typeof REQUESTS;

/**
 * People of the fixture. A's record is transferred out (read-only), so a contact change of A's is
 * refused before it would start a workflow; Y's belongs to an applicant who never signs in here.
 */
export const PEOPLE = {
  a: { owner: 'applicantA', district: DISTRICT_X },
  y: { owner: null, district: DISTRICT_Y },
} as const satisfies Record<string, { owner: Role | null; district: string }>;
export type PersonRef = keyof typeof PEOPLE;

export interface Fixture {
  tokens: Record<Role, string>;
  /** Authorization header values carrying no valid session, by what is wrong with them ('' = no header). */
  badAuth: Record<string, string>;
  requests: Record<RequestRef, string>;
  people: Record<PersonRef, string>;
  talentId: string;
  creditId: string;
  /** Usernames that exist (sign-in attempts use them with wrong passwords). */
  usernames: string[];
  jpeg: { photo: Uint8Array; scan: Uint8Array };
  /** Valid parts of a collection form, by part. */
  formParts: Record<string, unknown>;
  /** Body limits of the deployment: every body, material uploads, imports, the codec endpoint. */
  limits: { body: number; material: number; import: number; archive: number; codec: number };
  materialKinds: readonly string[];
  formPartNames: readonly string[];
  enumerationNames: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The operations, read from the OpenAPI document.

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | JsonSchema;
  example?: unknown;
  format?: string;
}
export interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}
export interface Operation {
  /** `METHOD /template`, e.g. `PUT /requests/{id}/form/{part}`. */
  key: string;
  method: string;
  template: string;
  secured: boolean;
  params: Param[];
  /** Media type → schema of the request body. */
  body?: Record<string, JsonSchema>;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { security?: unknown[]; parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase();
      const content = op.requestBody?.content;
      ops.push({
        key: `${method} ${template}`,
        method,
        template,
        secured: (op.security ?? []).length > 0,
        params: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(doc, p.schema ?? {}) })),
        body: content ? Object.fromEntries(Object.entries(content).map(([type, c]) => [type, resolve(doc, c.schema ?? {})])) : undefined,
      });
    }
  }
  return ops;
}

/** Inlines `$ref`s (the document's schemas are not recursive). */
function resolve(doc: OpenApiDoc, s: JsonSchema): JsonSchema {
  if (s.$ref) return resolve(doc, doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {});
  const out: JsonSchema = { ...s };
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(doc, v)]));
  if (s.items) out.items = resolve(doc, s.items);
  for (const k of ['oneOf', 'anyOf', 'allOf'] as const) if (s[k]) out[k] = s[k]!.map((x) => resolve(doc, x));
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = resolve(doc, s.additionalProperties);
  return out;
}

/**
 * Whether every answer must be one the document lists for its operation: the status, and for a problem
 * its `type` among the response's `enum` of type URIs (test/api/openapi-expect.ts). On once every route
 * documents its refusals that way; FUZZ_DOCUMENTED=1 turns it on for one run.
 */
export const ANSWERS_MUST_BE_DOCUMENTED = process.env.FUZZ_DOCUMENTED !== '0';

/** Routes outside the OpenAPI document that take input: the codec session page of the Temporal Web UI. */
export const EXTRA_OPERATIONS: Operation[] = [
  {
    key: 'POST /codec/sign-in',
    method: 'POST',
    template: '/codec/sign-in',
    secured: false,
    params: [],
    body: { 'application/x-www-form-urlencoded': {} },
  },
  { key: 'GET /codec/sign-in', method: 'GET', template: '/codec/sign-in', secured: false, params: [] },
];

// ---------------------------------------------------------------------------------------------
// Who may do what: the rules of api/requests/access.ts, api/records/access.ts and the routes.

type Verdict = 'allowed' | 'refused' | 'never';
interface Scene {
  role: Role;
  request?: RequestRef;
  /** A person of the fixture, 'me', or null for a person id that names nobody. */
  person?: PersonRef | 'me' | null;
  query: Record<string, string>;
}

const canSeeRequest = (role: Role, r: RequestRef) => {
  const f = REQUESTS[r];
  if (role === 'admin') return true;
  if (kindOf(role) === 'applicant') return f.owner === role;
  return f.state !== 'draft' && f.district === districtOf(role);
};
const personOf = (role: Role, p: PersonRef | 'me' | null | undefined): PersonRef | null => {
  if (p === 'me') return (Object.keys(PEOPLE) as PersonRef[]).find((k) => PEOPLE[k].owner === role) ?? null;
  return p ?? null;
};
const canSeePerson = (role: Role, p: PersonRef | 'me' | null | undefined) => {
  if (p === 'me' && kindOf(role) !== 'applicant') return false;
  const person = personOf(role, p);
  if (!person) return false;
  if (role === 'admin') return true;
  if (kindOf(role) === 'applicant') return PEOPLE[person].owner === role;
  return PEOPLE[person].district === districtOf(role);
};
const onlyRole =
  (kind: 'applicant' | 'reviewer' | 'admin') =>
  (s: Scene): Verdict =>
    kindOf(s.role) === kind ? 'allowed' : 'refused';
const requestOwner = (s: Scene): Verdict => (s.request && REQUESTS[s.request].owner === s.role ? 'allowed' : 'refused');
const seesRequest = (s: Scene): Verdict => (s.request && canSeeRequest(s.role, s.request) ? 'allowed' : 'refused');
const seesPerson = (s: Scene): Verdict => (canSeePerson(s.role, s.person) ? 'allowed' : 'refused');
const adminOnPerson = (s: Scene): Verdict => (s.role === 'admin' && personOf('admin', s.person) ? 'allowed' : 'refused');
const scoped = (s: Scene): Verdict => {
  const kind = kindOf(s.role);
  if (kind === 'applicant') return 'refused';
  if (kind === 'reviewer' && s.query.district !== undefined && s.query.district !== districtOf(s.role)) return 'refused';
  return 'allowed';
};
const anyone = (): Verdict => 'allowed';

interface Policy {
  verdict(s: Scene): Verdict;
  /** Refused for anyone but administrators by a gate before validation (403 whatever else is wrong). */
  adminGate?: true;
  /** Requests of the fixture the `id` parameter is drawn from. */
  requests?: RequestRef[];
}
const ALL_REQUESTS = Object.keys(REQUESTS) as RequestRef[];
// Writes never touch the empty draft (so a submit stays incomplete) and submits never the draft the
// fuzzer fills in: with no worker on the fuzzer's task queue, a submit that passed would never answer.
const WRITABLE: RequestRef[] = ['draft', 'returnedY', 'pendingX', 'pendingY'];
const SUBMITTABLE: RequestRef[] = ['emptyDraft', 'returnedY', 'pendingX', 'pendingY'];

export const POLICIES: Record<string, Policy> = {
  'GET /healthz': { verdict: anyone },
  'GET /readyz': { verdict: anyone },
  'POST /auth/register': { verdict: anyone },
  'POST /auth/login': { verdict: anyone },
  'GET /reference/enumerations': { verdict: anyone },
  'GET /reference/enumerations/{name}': { verdict: anyone },
  'GET /reference/districts': { verdict: anyone },
  'GET /reference/provinces': { verdict: anyone },
  'POST /national/events': { verdict: anyone },
  'POST /codec/sign-in': { verdict: anyone },
  'GET /codec/sign-in': { verdict: anyone },
  'POST /auth/web-session': { verdict: anyone },
  // Whoever is signed in may ask who they are; signing out needs no session (it only clears cookies then).
  'GET /auth/session': { verdict: anyone },
  'POST /auth/sign-out': { verdict: anyone },
  // Anyone signed in lists and ends their own sessions and sets their own password.
  'GET /auth/sessions': { verdict: anyone },
  'DELETE /auth/sessions/{sessionId}': { verdict: anyone },
  'POST /auth/password': { verdict: anyone },
  'GET /admin/staff': { verdict: onlyRole('admin'), adminGate: true },
  'POST /admin/staff': { verdict: onlyRole('admin'), adminGate: true },
  'PATCH /admin/staff/{userId}': { verdict: onlyRole('admin'), adminGate: true },
  'POST /admin/staff/{userId}/disable': { verdict: onlyRole('admin'), adminGate: true },
  'POST /admin/staff/{userId}/enable': { verdict: onlyRole('admin'), adminGate: true },
  'POST /admin/staff/{userId}/password-reset': { verdict: onlyRole('admin'), adminGate: true },
  'GET /admin/account-changes': { verdict: onlyRole('admin'), adminGate: true },
  'POST /units/register': { verdict: anyone },
  // For a unit's contact only: no role of the fixture is one.
  'GET /units/mine': { verdict: () => 'refused' },
  'GET /units/mine/accountants': { verdict: () => 'refused' },
  'POST /units/mine/requests/{id}/employment-confirmation': { verdict: () => 'refused' },
  'GET /units': { verdict: (s) => (kindOf(s.role) === 'applicant' ? 'refused' : 'allowed') },
  'POST /units/{unitId}/confirm': { verdict: (s) => (kindOf(s.role) === 'applicant' ? 'refused' : 'allowed') },
  // An administrator's system check runs a workflow: never sent valid (no worker serves the fuzzer).
  'POST /diagnostics/system-check': { verdict: (s) => (s.role === 'admin' ? 'never' : 'refused'), adminGate: true },
  'POST /requests/collection': { verdict: onlyRole('applicant') },
  'POST /requests/transfer-out': { verdict: onlyRole('applicant') },
  'POST /requests/transfer-in': { verdict: onlyRole('applicant') },
  'POST /requests/district-move': { verdict: onlyRole('applicant') },
  'POST /requests/change': { verdict: onlyRole('applicant') },
  'GET /requests': { verdict: onlyRole('applicant') },
  'GET /requests/{id}': { verdict: seesRequest, requests: ALL_REQUESTS },
  'GET /requests/{id}/status': { verdict: seesRequest, requests: ALL_REQUESTS },
  'GET /requests/{id}/timeline': { verdict: seesRequest, requests: ALL_REQUESTS },
  'GET /requests/{id}/materials/{kind}': { verdict: seesRequest, requests: ALL_REQUESTS },
  // One operation per form part (its schema is the body); the same rule for each.
  ...Object.fromEntries(
    [...FORM_PART_ROUTES].map((p) => [`PUT /requests/{id}/form/${p}`, { verdict: requestOwner, requests: WRITABLE }] as const),
  ),
  'PUT /requests/{id}/materials/{kind}': { verdict: requestOwner, requests: WRITABLE },
  'POST /requests/{id}/commitment': { verdict: requestOwner, requests: WRITABLE },
  'POST /requests/{id}/submit': { verdict: requestOwner, requests: SUBMITTABLE },
  'POST /requests/{id}/resubmit': { verdict: requestOwner, requests: SUBMITTABLE },
  'POST /requests/{id}/review': {
    verdict: (s) =>
      kindOf(s.role) === 'reviewer' &&
      s.request &&
      REQUESTS[s.request].state !== 'draft' &&
      REQUESTS[s.request].district === districtOf(s.role)
        ? 'allowed'
        : 'refused',
    requests: ['pendingX', 'pendingY', 'returnedY', 'draft'],
  },
  // Never the drafts: the fuzzer's applicant keeps filling in one and submitting the other.
  'POST /requests/{id}/withdraw': {
    verdict: (s) => (kindOf(s.role) === 'admin' || requestOwner(s) === 'allowed' ? 'allowed' : 'refused'),
    requests: ['pendingX', 'pendingY', 'returnedY'],
  },
  'POST /requests/{id}/retry': { verdict: onlyRole('admin'), requests: ALL_REQUESTS },
  'GET /admin/requests/needs-attention': { verdict: onlyRole('admin'), adminGate: true },
  'GET /admin/holiday-arrangements': { verdict: onlyRole('admin'), adminGate: true },
  'PUT /admin/holiday-arrangements/{year}': { verdict: onlyRole('admin'), adminGate: true },
  'GET /reviews/inbox': { verdict: onlyRole('reviewer') },
  // Everyone signed in reads their own messages; the fixture has none, so any id names nothing (404).
  'GET /notifications': { verdict: anyone },
  'POST /notifications/{notificationId}/read': { verdict: anyone },
  'GET /people/{personId}/record': { verdict: seesPerson },
  // An applicant's own next step and claim; a claim of nobody received here is its to refuse (422), not an access refusal.
  'GET /people/me/next-step': { verdict: onlyRole('applicant') },
  'POST /people/me/claim': { verdict: onlyRole('applicant') },
  'GET /people/{personId}/materials/{kind}': { verdict: seesPerson },
  'GET /people/{personId}/continuing-education/status': { verdict: seesPerson },
  'GET /people/{personId}/talents': { verdict: seesPerson },
  'GET /people/{personId}/credits': { verdict: seesPerson },
  'PUT /people/{personId}/contact': {
    verdict: (s) => (canSeePerson(s.role, s.person) && PEOPLE[personOf(s.role, s.person)!].owner === s.role ? 'allowed' : 'refused'),
  },
  'POST /people/{personId}/talents': { verdict: adminOnPerson },
  'PUT /people/{personId}/talents/{talentId}': { verdict: adminOnPerson },
  'DELETE /people/{personId}/talents/{talentId}': { verdict: adminOnPerson },
  'POST /people/{personId}/credits': { verdict: adminOnPerson },
  'PUT /people/{personId}/credits/{creditId}': { verdict: adminOnPerson },
  'DELETE /people/{personId}/credits/{creditId}': { verdict: adminOnPerson },
  'POST /admin/continuing-education/import': { verdict: onlyRole('admin'), adminGate: true },
  'POST /admin/archive-imports': { verdict: onlyRole('admin'), adminGate: true },
  // Any job id names nothing the fixture started (404) for an administrator.
  'GET /admin/archive-imports/{id}': { verdict: onlyRole('admin'), adminGate: true },
  'GET /admin/archive-imports/{id}/report.csv': { verdict: onlyRole('admin'), adminGate: true },
  'POST /codec/encode': { verdict: onlyRole('admin'), adminGate: true },
  'POST /codec/decode': { verdict: onlyRole('admin'), adminGate: true },
  'GET /admin/access-log': { verdict: onlyRole('admin'), adminGate: true },
  'GET /statistics': { verdict: scoped },
  'GET /statistics/export': { verdict: scoped },
  'GET /people': { verdict: scoped },
  'GET /people/export': { verdict: scoped },
};

// ---------------------------------------------------------------------------------------------
// Hostile values.

/** A valid ID number (GB 11643 check character) and a mobile number: logs and problems must mask them. */
const PERSONAL = ['110105199003071239', '13912345678'];
const SQL = [
  "' OR '1'='1",
  "' OR 1=1 --",
  '\'; DROP TABLE "Person"; --',
  '1; SELECT pg_sleep(10) --',
  '\' UNION SELECT "passwordHash" FROM "User" --',
  '" OR ""="',
  "admin'--",
  "\\'; COPY (SELECT 1) TO PROGRAM 'id' --",
  "%' AND 1=1 AND '%'='",
  '$1',
  '?',
];
const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  '"><svg/onload=alert(1)>',
  'javascript:alert(1)',
  '<!--',
  ']]><![CDATA[',
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  '<%= 7*7 %>',
  '=cmd|"/c calc"!A1',
  '+SUM(1,1)',
  '@SUM(1+1)',
  '-2+3',
  '%s%s%s%n',
  '{"$gt": ""}',
  '__proto__',
  'constructor',
  'toString',
];
const TRAVERSAL = [
  '../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '....//....//etc/passwd',
  '/etc/passwd',
  'file:///etc/passwd',
  '..',
  '.',
  '../me/record',
  'C:\\boot.ini',
  '\\\\server\\share',
];
/** Already percent-encoded forms, put into paths as they are. */
const ENCODED_TRAVERSAL = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%2e%2e',
  '.%2e',
  '..%252F..%252Fetc%252Fpasswd',
  '..%5C..%5Cwindows',
  '%c0%ae%c0%ae%c0%af',
  '%00',
  '..%00.jpg',
  '%',
  '%zz',
  '%E4%B8',
  '%ED%A0%80',
  '%FF%FE',
];
const ODD_UNICODE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '\u202eevil\u202c',
  '\u200f\u0645\u0631\u062d\u0628\u0627\u200e',
  '\u200b\u200c\u200d\u2060',
  '\ufeff',
  '\ufffe\uffff',
  'e\u0301\u0301\u0301\u0301',
  'Z\u0335\u0321\u0322\u0348\u0359\u0339\u0320\u0324\u036d\u035f',
  '\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66',
  '\ud83c\udde8\ud83c\uddf3',
  '\u2028\u2029',
  '\r\n\r\n',
  '\t\u000b\u000c',
  '\u001b[31m',
  '\u0085',
  '\uff1c\uff53\uff43\uff52\uff49\uff50\uff54\uff1e',
  '\u{10ffff}',
  '\u00a0',
  ' ',
  '',
];
const ODD_VALUES = ['null', 'undefined', 'NaN', 'Infinity', '-1', '0', '1e309', '9'.repeat(40), 'true', '[]', '{}', '0x7fffffff'];

/** `arb` about one time in `every`, else null. */
const sometimes = <T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const plainText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const oddUnicode = fc.oneof(
  fc.constantFrom(...ODD_UNICODE),
  fc.string({ unit: codeUnit, maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({ unit: 'grapheme', maxLength: 16 }),
);
/** 1 000–40 000 code units of one repeated unit: within the (fuzzer's) body limit or past it, by bytes. */
const hugeText = fc
  .tuple(fc.constantFrom('A', '汉', '\ud83d\ude00', 'e\u0301', '\u202e', '<', '"', '\\'), fc.integer({ min: 1_000, max: 40_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SQL, ...MARKUP, ...TRAVERSAL, ...ODD_VALUES, ...PERSONAL) },
  { weight: 4, arbitrary: oddUnicode },
  { weight: 1, arbitrary: hugeText },
  { weight: 2, arbitrary: fc.tuple(plainText, fc.constantFrom(...SQL, ...MARKUP, ...ODD_UNICODE), plainText).map((p) => p.join('')) },
);

/** Any JSON value, with hostile strings and keys. */
const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileText, plainText), tie('value'), { maxKeys: 4 }),
  ),
})).value;

// ---------------------------------------------------------------------------------------------
// Values from a schema: what the schema describes (strings may still break patterns or lengths).

export function fromSchema(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const alternatives: fc.Arbitrary<unknown>[] = [];
  if (s.example !== undefined) alternatives.push(fc.constant(s.example));
  if (s.enum) return fc.oneof(fc.constantFrom(...s.enum), ...alternatives);
  if ('const' in s) return fc.constant(s.const);
  const union = s.oneOf ?? s.anyOf ?? s.allOf;
  if (union) return fc.oneof(...union.map((x) => fromSchema(x, depth + 1)));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((t) => fromSchema({ ...s, type: t }, depth + 1)));
  switch (types[0]) {
    case 'object': {
      const required = new Set(s.required ?? []);
      const fields = Object.entries(s.properties ?? {}).map(
        ([k, v]) =>
          [k, required.has(k) ? fromSchema(v, depth + 1) : fc.option(fromSchema(v, depth + 1), { nil: undefined, freq: 2 })] as const,
      );
      let obj: fc.Arbitrary<Record<string, unknown>> = fc
        .record(Object.fromEntries(fields))
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        const extra = fc.dictionary(fc.oneof(plainText, hostileText), fromSchema(s.additionalProperties, depth + 1), { maxKeys: 3 });
        obj = fc.tuple(obj, extra).map(([a, b]) => ({ ...b, ...a }));
      }
      alternatives.push(obj);
      break;
    }
    case 'array':
      alternatives.push(
        fc.array(depth > 4 ? fc.constant(null) : fromSchema(s.items ?? {}, depth + 1), {
          minLength: s.minItems ?? 0,
          maxLength: Math.min(s.maxItems ?? 4, 4),
        }),
      );
      break;
    case 'string':
      alternatives.push(stringOf(s));
      break;
    case 'integer':
    case 'number': {
      const min = s.minimum ?? -1_000_000;
      const max = s.maximum ?? 1_000_000;
      alternatives.push(
        fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
        fc.constantFrom(min - 1, max + 1, 0, -1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, 0.5),
      );
      if (types[0] === 'number') alternatives.push(fc.double({ min, max, noNaN: true }));
      break;
    }
    case 'boolean':
      alternatives.push(fc.boolean());
      break;
    case 'null':
      alternatives.push(fc.constant(null));
      break;
    default:
      alternatives.push(anyJson);
  }
  return fc.oneof(...alternatives);
}

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, 400);
  const options: fc.Arbitrary<string>[] = [hostileText];
  if (s.pattern) {
    const matching = fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' });
    options.push(matching, matching);
  } else {
    options.push(fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.max(min, max) }));
  }
  return fc.oneof(...options);
}

/** Replaces one leaf (or adds a key) of a valid body with something hostile. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  (function walk(v: unknown, path: (string | number)[]) {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  })(value, []);
  const replacement = fc.oneof(hostileText, fc.constantFrom<unknown>(null, 0, -1, 1e308, true, [], {}, [[[]]], '', { $ne: null }), anyJson);
  return fc
    .tuple(
      fc.constantFrom(...paths),
      replacement,
      fc.boolean(),
      fc.oneof(hostileText, fc.constantFrom('__proto__', 'constructor', 'role', 'id')),
    )
    .map(([path, repl, addKey, key]) => {
      const copy = JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
      if (path.length === 0) return addKey && copy && typeof copy === 'object' && !Array.isArray(copy) ? { ...copy, [key]: repl } : repl;
      let parent = copy as Record<string | number, unknown>;
      for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      if (addKey && parent[last] && typeof parent[last] === 'object' && !Array.isArray(parent[last]))
        (parent[last] as Record<string, unknown>)[key] = repl;
      else parent[last] = repl;
      return copy;
    });
}

// ---------------------------------------------------------------------------------------------
// Cases.

export interface FuzzCase {
  op: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /**
   * refused: the API must answer 4xx; statuses: exactly one of these (when the first failing check is
   * known); why: what makes it refused, in the order the API checks.
   */
  expect: { refused: boolean; statuses?: number[]; why: string[] };
  /** What was generated, for reports and coverage counts: `auth:forged`, `body:malformed`, ... */
  labels: string[];
}

const enc = new TextEncoder();
const byteLength = (b: string | Uint8Array | undefined) => (b === undefined ? 0 : typeof b === 'string' ? enc.encode(b).length : b.length);

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i; // as api/limits.ts
const MATERIAL_UPLOAD = /^\/requests\/[^/]+\/materials\/[^/]+\/?$/;
const IMPORT = '/admin/continuing-education/import';
const ARCHIVE_IMPORT = '/admin/archive-imports';

/** The body limit of a request, as api/limits.ts picks it. */
function limitOf(method: string, path: string, limits: Fixture['limits']): number {
  if (method === 'PUT' && MATERIAL_UPLOAD.test(path)) return limits.material;
  if (method === 'POST' && path === IMPORT) return limits.import;
  if (method === 'POST' && path === ARCHIVE_IMPORT) return limits.archive;
  return path.startsWith('/codec/') ? limits.codec : limits.body;
}

/** What the body limit and the JSON and query text guards (api/limits.ts) make of a request, before any route. */
function earlyRefusal(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  query: [string, string][],
  limits: Fixture['limits'],
): { status: number; why: string } | null {
  return (
    bodyRefusal(method, path, headers, body, limits) ??
    (query.some(([k, v]) => k.includes('\u0000') || v.includes('\u0000')) ? { status: 400, why: 'NUL in the query' } : null)
  );
}

function bodyRefusal(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  limits: Fixture['limits'],
): { status: number; why: string } | null {
  if (body === undefined) return null;
  const limit = limitOf(method, path, limits);
  const declared = headers['content-length'];
  if (declared !== undefined ? Number(declared) > limit : byteLength(body) > limit) return { status: 413, why: `body over ${limit} bytes` };
  if (!JSON_TYPE.test(headers['content-type'] ?? '')) return null;
  // Decoded as the API decodes it: UTF-8, a leading byte-order mark dropped.
  const text = new TextDecoder().decode(typeof body === 'string' ? enc.encode(body) : body);
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 400, why: 'malformed JSON' };
  }
  if (hasUnsafeText(value)) return { status: 400, why: 'NUL or lone surrogate in JSON text' };
  return null;
}

function hasUnsafeText(root: unknown): boolean {
  const stack = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (unsafeTextIn(v)) return true;
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (unsafeTextIn(k)) return true;
        stack.push(x);
      }
    }
  }
  return false;
}

/** A path segment for a value: percent-encoded (lone surrogates cannot be, and go in as invalid UTF-8). */
function segment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}
/** A header value: visible ASCII as it is, anything else percent-encoded (headers carry bytes, not text). */
function headerValue(value: string): string {
  const v = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(value) ? value : segment(value);
  return v.slice(0, 8_000);
}

interface Part<T> {
  value: T;
  labels: string[];
}
const part = <T>(value: T, ...labels: string[]): Part<T> => ({ value, labels });

/** The session a case carries. */
type Auth = { role: Role; header: Record<string, string> } | { role: null; header: Record<string, string>; bad: string };

function authOf(op: Operation, fx: Fixture): fc.Arbitrary<Part<Auth>> {
  const valid = fc.constantFrom(...ROLES).chain((role) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(part<Auth>({ role, header: { authorization: `Bearer ${fx.tokens[role]}` } }, `auth:${role}`)) },
      {
        weight: 1,
        arbitrary: fc.constant(
          part<Auth>({ role, header: { authorization: `bearer  ${fx.tokens[role]}` } }, `auth:${role}`, 'auth:odd-scheme-spelling'),
        ),
      },
      {
        weight: op.template.startsWith('/codec/') ? 2 : 0,
        arbitrary: fc.constant(part<Auth>({ role, header: { cookie: `codec_session=${fx.tokens[role]}` } }, `auth:${role}`, 'auth:cookie')),
      },
    ),
  );
  const bad = fc.constantFrom(...Object.keys(fx.badAuth)).map((label) => {
    const value = fx.badAuth[label]!;
    const header: Record<string, string> = {};
    if (label.startsWith('cookie-')) header.cookie = value;
    else if (value !== '') header.authorization = value;
    return part<Auth>({ role: null, header, bad: label }, `auth:bad:${label}`);
  });
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: bad });
}

interface PathValue {
  text: string;
  hostile: boolean;
  request?: RequestRef;
  person?: PersonRef | 'me' | null;
  labels: string[];
}

/** The values of a path parameter that name something of the fixture. */
function goodPathValues(op: Operation, p: Param, fx: Fixture): PathValue[] {
  const policy = POLICIES[op.key];
  const good: PathValue[] = [];
  switch (p.name) {
    case 'id':
      for (const r of policy?.requests ?? ALL_REQUESTS)
        good.push({ text: fx.requests[r], hostile: false, request: r, labels: [`id:${r}`] });
      break;
    case 'personId':
      for (const r of Object.keys(PEOPLE) as PersonRef[])
        good.push({ text: fx.people[r], hostile: false, person: r, labels: [`person:${r}`] });
      good.push({ text: 'me', hostile: false, person: 'me', labels: ['person:me'] });
      break;
    case 'kind':
      for (const k of fx.materialKinds) good.push({ text: k, hostile: false, labels: [] });
      break;
    case 'part':
      for (const k of fx.formPartNames) good.push({ text: k, hostile: false, labels: [] });
      break;
    case 'name':
      for (const k of fx.enumerationNames) good.push({ text: k, hostile: false, labels: [] });
      break;
    case 'talentId':
      good.push({ text: fx.talentId, hostile: false, labels: [] });
      break;
    case 'creditId':
      good.push({ text: fx.creditId, hostile: false, labels: [] });
      break;
    case 'userId':
    case 'unitId':
      // Well formed and nobody's: the fuzzer never disables or resets the fixture's accounts.
      good.push({ text: '00000000-0000-4000-8000-000000000000', hostile: false, labels: [] });
      break;
    case 'sessionId':
      // Well formed and nobody's: the fuzzer never ends the fixture's own sessions.
      good.push({ text: 'no-such-session-0123', hostile: false, labels: [] });
      break;
  }
  return good;
}

function pathValue(op: Operation, p: Param, fx: Fixture): fc.Arbitrary<PathValue> {
  const good = goodPathValues(op, p, fx);
  const nobody = fc.uuid().map((u): PathValue => ({ text: u, hostile: true, person: null, labels: ['param:unknown-id'] }));
  const hostile = fc.oneof(
    fc
      .constantFrom(...ENCODED_TRAVERSAL)
      .map((t): PathValue => ({ text: t, hostile: true, person: null, labels: ['param:encoded-traversal'] })),
    fc.constantFrom(...TRAVERSAL).map((t): PathValue => ({ text: t, hostile: true, person: null, labels: ['param:raw-traversal'] })),
    fc
      .oneof(hostileText, fc.constantFrom(...TRAVERSAL))
      .map((t): PathValue => ({ text: segment(t), hostile: true, person: null, labels: ['param:hostile'] })),
  );
  return good.length
    ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: nobody }, { weight: 3, arbitrary: hostile })
    : fc.oneof(nobody, hostile);
}

function queryOf(op: Operation): fc.Arbitrary<Part<{ pairs: [string, string][]; valid: boolean; values: Record<string, string> }>> {
  const params = op.params.filter((p) => p.in === 'query');
  const each = params.map((p) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: 3, arbitrary: validQueryValue(p).map((v) => ({ name: p.name, value: v, valid: true })) },
      {
        weight: 2,
        arbitrary: fc
          .oneof(hostileText, fc.constantFrom(...ODD_VALUES))
          .map((v) => ({ name: p.name, value: v.slice(0, 2_000), valid: false })),
      },
    ),
  );
  // An unknown parameter: never one of the operation's own (a plain text can be "name"), which would be a
  // second value of it, refused as a repeat rather than ignored.
  const known = new Set(params.map((p) => p.name));
  const extra = sometimes(
    fc.tuple(
      fc.oneof(plainText, hostileText, fc.constantFrom('__proto__', 'page[]', 'district[0]')).filter((n) => !known.has(n.slice(0, 200))),
      hostileText,
    ),
    5,
  );
  const repeated = sometimes(fc.constantFrom(...(params.length ? params.map((p) => p.name) : ['x'])), 8);
  return fc.tuple(fc.tuple(...each), extra, repeated).map(([chosen, extraPair, repeat]) => {
    const pairs: [string, string][] = [];
    const values: Record<string, string> = {};
    let valid = true;
    const labels: string[] = [];
    for (const c of chosen) {
      if (!c) continue;
      pairs.push([c.name, c.value]);
      values[c.name] = c.value;
      if (!c.valid) {
        valid = false;
        labels.push('query:hostile');
      }
    }
    if (extraPair) {
      pairs.push([extraPair[0].slice(0, 200), extraPair[1].slice(0, 2_000)]);
      labels.push('query:unknown-parameter');
    }
    if (repeat && values[repeat] !== undefined) {
      pairs.push([repeat, values[repeat]!]);
      valid = false;
      labels.push('query:repeated');
    }
    return part({ pairs, valid, values }, ...labels);
  });
}

function validQueryValue(p: Param): fc.Arbitrary<string> {
  const s = p.schema;
  if (s.enum) return fc.constantFrom(...s.enum.map(String));
  if (p.name === 'district') return fc.constantFrom(DISTRICT_X, DISTRICT_Y);
  if (s.type === 'integer' || s.type === 'number')
    return fc.integer({ min: s.minimum ?? 1, max: Math.min(s.maximum ?? 100, 3000) }).map(String);
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' });
  if (s.example !== undefined) return fc.constant(String(s.example));
  return fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(s.maxLength ?? 20, 20) });
}

function headersOf(op: Operation): fc.Arbitrary<Part<{ headers: Record<string, string>; valid: boolean }>> {
  const takesReason = op.params.some((p) => p.in === 'header' && p.name === 'x-access-reason');
  const reason = takesReason
    ? sometimes(
        fc.oneof(
          fc.constantFrom('review', '%E5%A4%8D%E6%A0%B8').map((v) => ({ v, valid: true })),
          fc.oneof(fc.constantFrom('%00', '%E4%B8', 'x'.repeat(300)), hostileText.map(headerValue)).map((v) => ({ v, valid: false })),
        ),
        3,
      )
    : fc.constant(null);
  const noise = sometimes(
    fc.constantFrom<Record<string, string>>(
      { 'x-forwarded-for': '127.0.0.1' },
      { origin: 'https://evil.example' },
      { cookie: 'codec_session=forged.token.value' },
      { 'x-http-method-override': 'DELETE' },
      { 'accept-language': "'; DROP TABLE x; --" },
      { accept: 'application/xml' },
      { 'x-namespace': '../../etc/passwd' },
    ),
    5,
  );
  return fc.tuple(reason, noise).map(([r, n]) => {
    const headers: Record<string, string> = { ...(n ?? {}) };
    const labels: string[] = [];
    if (r !== null) {
      headers['x-access-reason'] = r.v;
      labels.push(r.valid ? 'header:access-reason' : 'header:hostile-access-reason');
    }
    if (n) labels.push('header:noise');
    return part({ headers, valid: r === null || r.valid }, ...labels);
  });
}

interface Body {
  body?: string | Uint8Array;
  contentType?: string;
  extraHeaders?: Record<string, string>;
  /** A body the route is sure to refuse (wrong type, missing field, wrong media type). */
  invalid: boolean;
  /** A body known to be valid (or no body where none is expected). */
  wellFormed: boolean;
}

const JSON_CT = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json');
const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,2',
  "{'a':1}",
  'NaN',
  '{"a":1,}',
  '{"a" 1}',
  'undefined',
  '{"a":"\\x41"}',
  '{"a":"\\ud800',
  ")]}'\n{}",
  '<json/>',
  'nul',
  '"unterminated',
];
const WRONG_CT = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/xml',
  'text/html',
  'application/octet-stream',
  'application/jsonp',
  'application/json;',
  'image/jpeg',
];

function oversize(limit: number): fc.Arbitrary<Body> {
  return fc.oneof(
    fc.integer({ min: 1, max: 4096 }).map(
      (extra): Body => ({
        body: `{"x":"${'A'.repeat(limit + extra)}"}`,
        contentType: 'application/json',
        invalid: true,
        wellFormed: false,
      }),
    ),
    fc.constant<Body>({ body: new Uint8Array(limit + 1).fill(0x41), invalid: true, wellFormed: false }),
    fc.constant<Body>({
      body: '{}',
      contentType: 'application/json',
      extraHeaders: { 'content-length': String(1024 ** 3) },
      invalid: true,
      wellFormed: false,
    }),
  );
}

function jsonBody(schema: JsonSchema, valid: unknown[], limit: number): fc.Arbitrary<Part<Body>> {
  const json = (v: unknown, ct = 'application/json') => ({ body: JSON.stringify(v), contentType: ct });
  const base = valid.length ? fc.constantFrom(...valid).map(freshen) : fromSchema(schema);
  const required = commonRequired(schema);
  // Of a type no alternative of the schema has; a schema that says nothing (a form part) takes no number or boolean.
  const guaranteedWrong: unknown[] = isObjectSchema(schema) ? [42, true, -0.5, 'just a string', [], [1, 2, 3], null] : [42, true, -0.5];
  const modes: fc.WeightedArbitrary<Part<Body>>[] = [
    {
      weight: 3,
      arbitrary: fc
        .tuple(base, JSON_CT)
        .map(([v, ct]) => part<Body>({ ...json(v, ct), invalid: false, wellFormed: valid.length > 0 }, 'body:valid')),
    },
    {
      weight: 3,
      arbitrary: fromSchema(schema).map((v) => part<Body>({ ...json(v), invalid: false, wellFormed: false }, 'body:from-schema')),
    },
    { weight: 4, arbitrary: base.chain(mutate).map((v) => part<Body>({ ...json(v), invalid: false, wellFormed: false }, 'body:mutated')) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...guaranteedWrong)
        .map((v) => part<Body>({ ...json(v), invalid: true, wellFormed: false }, 'body:wrong-type')),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1_000, max: 20_000 })
        .map((n) =>
          part<Body>(
            { body: '['.repeat(n) + ']'.repeat(n), contentType: 'application/json', invalid: true, wellFormed: false },
            'body:deeply-nested',
          ),
        ),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...MALFORMED_JSON)
        .map((t) => part<Body>({ body: t, contentType: 'application/json', invalid: true, wellFormed: false }, 'body:malformed')),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(base, fc.constantFrom('\u0000', '\ud800', '\udfff'), fc.boolean()).map(([v, bad, inKey]) =>
        part<Body>(
          {
            ...json(
              inKey
                ? { ...(typeof v === 'object' && v && !Array.isArray(v) ? v : {}), [`k${bad}`]: 1 }
                : { ...(typeof v === 'object' && v && !Array.isArray(v) ? v : { v }), note: `x${bad}y` },
            ),
            invalid: true,
            wellFormed: false,
          },
          'body:unstorable-text',
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(base, fc.constantFrom(...WRONG_CT, null))
        .map(([v, ct]) =>
          ct === null
            ? part<Body>({ body: enc.encode(JSON.stringify(v)), invalid: true, wellFormed: false }, 'body:no-content-type')
            : part<Body>({ body: JSON.stringify(v), contentType: ct, invalid: true, wellFormed: false }, 'body:wrong-content-type'),
        ),
    },
    { weight: 1, arbitrary: oversize(limit).map((b) => part(b, 'body:over-limit')) },
    {
      weight: 1,
      arbitrary: fc.tuple(base, fc.constantFrom('A', '汉', '\ud83d\ude00', '<script>')).map(([v, unit]) => {
        // Just under the limit: refused by the route's rules, or stored, never a crash.
        const room = Math.max(0, limit - byteLength(JSON.stringify(v)) - 64);
        const filler = unit.repeat(Math.floor(room / byteLength(unit)));
        const body = typeof v === 'object' && v && !Array.isArray(v) ? { ...v, [Object.keys(v)[0] ?? 'x']: filler } : filler;
        return part<Body>({ ...json(body), invalid: false, wellFormed: false }, 'body:near-limit');
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('', '   ', '\n')
        .map((t) => part<Body>({ body: t, contentType: 'application/json', invalid: false, wellFormed: false }, 'body:empty')),
    },
    {
      weight: 1,
      arbitrary: base.map((v) =>
        part<Body>(
          {
            body: JSON.stringify(v).replace(
              /^\{/,
              '{"__proto__":{"role":"admin","isAdmin":true},"constructor":{"prototype":{"polluted":true}},',
            ),
            contentType: 'application/json',
            invalid: false,
            wellFormed: false,
          },
          'body:prototype-pollution',
        ),
      ),
    },
  ];
  if (required.length && valid.length) {
    modes.push({
      weight: 2,
      arbitrary: fc.tuple(base, fc.constantFrom(...required)).map(([v, key]) => {
        const copy = { ...(v as Record<string, unknown>) };
        delete copy[key];
        return part<Body>({ ...json(copy), invalid: true, wellFormed: false }, 'body:missing-required');
      }),
    });
  }
  return fc.oneof(...modes);
}

const isObjectSchema = (s: JsonSchema): boolean =>
  s.type === 'object' || (!!(s.oneOf ?? s.anyOf) && (s.oneOf ?? s.anyOf)!.every(isObjectSchema));

/** Keys every alternative of a body schema requires. */
function commonRequired(s: JsonSchema): string[] {
  const branches = s.oneOf ?? s.anyOf;
  if (branches) {
    const lists = branches.map(commonRequired);
    return (lists[0] ?? []).filter((k) => lists.every((l) => l.includes(k)));
  }
  return s.type === 'object' ? (s.required ?? []) : [];
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const OTHER_FILES = [
  PNG,
  enc.encode('GIF89a\x01\x00\x01\x00'),
  enc.encode('%PDF-1.7\n%\xe2\xe3'),
  enc.encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
  enc.encode('<html><script>alert(1)</script></html>'),
  enc.encode('PK\x03\x04'),
  enc.encode('#!/bin/sh\nrm -rf /'),
];

function jpegBody(fx: Fixture, kindText: string): fc.Arbitrary<Part<Body>> {
  const good = kindText === 'photo' ? fx.jpeg.photo : fx.jpeg.scan;
  const jpeg = (b: Uint8Array, ct = 'image/jpeg', extra?: Record<string, string>): Body => ({
    body: b,
    contentType: ct,
    extraHeaders: extra,
    invalid: false,
    wellFormed: false,
  });
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(part<Body>({ ...jpeg(good), wellFormed: true }, 'body:valid-jpeg')) },
    {
      weight: 1,
      arbitrary: fc.constant(
        part<Body>(
          {
            ...jpeg(good, 'image/jpeg; name="../../etc/passwd"', { 'content-disposition': 'attachment; filename="../../../etc/passwd"' }),
            wellFormed: true,
          },
          'body:valid-jpeg',
          'body:traversal-file-name',
        ),
      ),
    },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((b) => part(jpeg(b), 'body:random-bytes')) },
    {
      weight: 2,
      arbitrary: fc
        .uint8Array({ maxLength: 2048 })
        .map((b) => part(jpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...b])), 'body:fake-jpeg')),
    },
    { weight: 1, arbitrary: fc.integer({ min: 4, max: good.length - 1 }).map((n) => part(jpeg(good.slice(0, n)), 'body:truncated-jpeg')) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHER_FILES).map((b) => part(jpeg(b), 'body:other-format')) },
    { weight: 1, arbitrary: fc.constant(part(jpeg(new Uint8Array(0)), 'body:empty')) },
    {
      weight: 1,
      arbitrary: oversize(fx.limits.material).map((b) =>
        part<Body>({ ...b, contentType: b.contentType ?? 'image/jpeg' }, 'body:over-limit'),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          'image/png',
          'text/html',
          'application/octet-stream',
          'image/jpe',
          'application/json',
          'multipart/form-data; boundary=x',
          null,
        )
        .map((ct) =>
          ct === null
            ? part<Body>({ body: good, invalid: true, wellFormed: false }, 'body:no-content-type')
            : part<Body>({ body: good, contentType: ct, invalid: true, wellFormed: false }, 'body:wrong-content-type'),
        ),
    },
  );
}

const CSV_HEADER = 'archiveNo,year,course,credits,professional,provider,completedOn';
/** Archive migration uploads: hostile CSV files of people and education, malformed forms, a fake workbook, no file. */
function archiveBody(): fc.Arbitrary<Part<Body>> {
  const row = fc
    .tuple(
      fc.oneof(fc.constantFrom(...PERSONAL, '110105199003071230', ''), hostileText),
      fc.oneof(fc.constantFrom('居民身份证', 'mainlandId', 'passport'), hostileText),
      hostileText,
      fc.constantFrom('男', '女', 'male', ''),
      fc.constantFrom('1990-03-07', '1990-02-30', '9999-99-99', ''),
      fc.oneof(fc.constantFrom('CHN', 'XXX'), hostileText),
      fc.oneof(fc.constantFrom('13900000000', '1'), hostileText),
      hostileText,
      fc.oneof(fc.constantFrom('110105', '120101', '999999'), hostileText),
    )
    .map((cells) => cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
  const csv = fc
    .array(row, { minLength: 0, maxLength: 6 })
    .map((rows) => ['idNumber,idType,name,sex,birthDate,nationality,mobile,address,districtCode', ...rows].join('\r\n'));
  const field = (boundary: string, name: string, content: string | Uint8Array) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="../../etc/passwd.csv"\r\nContent-Type: text/csv\r\n\r\n${typeof content === 'string' ? content : Buffer.from(content).toString('latin1')}\r\n`;
  const form = (parts: [string, string | Uint8Array][], boundary = 'fuzzboundary') =>
    `${parts.map(([n, c]) => field(boundary, n, c)).join('')}--${boundary}--\r\n`;
  const plain = (b: string | Uint8Array, ct: string | undefined, ...labels: string[]) =>
    part<Body>({ body: b, contentType: ct, invalid: false, wellFormed: false }, ...labels);
  const multipart = 'multipart/form-data; boundary=fuzzboundary';
  return fc.oneof(
    { weight: 3, arbitrary: csv.map((c) => plain(form([['people', c]]), multipart, 'body:multipart')) },
    {
      weight: 2,
      arbitrary: fc.tuple(csv, fc.string({ maxLength: 200 })).map(([c, e]) =>
        plain(
          form([
            ['people', c],
            ['education', `idNumber,school\r\n${e}`],
          ]),
          multipart,
          'body:multipart',
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 2048 })
        .map((b) => plain(form([['file', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])]]), multipart, 'body:fake-xlsx')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(csv, fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=other', 'multipart/form-data; boundary='))
        .map(([c, ct]) => plain(form([['people', c]]), ct, 'body:malformed-multipart')),
    },
    {
      weight: 1,
      arbitrary: csv.map((c) => plain(form([['notfile', c]], 'b'), 'multipart/form-data; boundary=b', 'body:multipart-without-file')),
    },
    { weight: 1, arbitrary: csv.map((c) => plain(c, 'text/csv', 'body:not-multipart')) },
    { weight: 1, arbitrary: fc.constant(plain('', 'text/csv', 'body:empty')) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((t) => plain(t, 'application/json', 'body:malformed')) },
  );
}

function importBody(fx: Fixture): fc.Arbitrary<Part<Body>> {
  const row = fc
    .tuple(
      fc.oneof(fc.constantFrom(...PERSONAL, '110105199003071230'), hostileText),
      fc.oneof(fc.constantFrom('2024', '1800', '-1', 'abc'), hostileText),
      hostileText,
      fc.oneof(fc.constantFrom('10', '0', '-5', '1e9', 'NaN'), hostileText),
      fc.constantFrom('是', '否', 'yes', ''),
      hostileText,
      fc.constantFrom('2024-05-01', '2024-02-30', '9999-99-99', ''),
    )
    .map((cells) => cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
  const csv = fc.array(row, { minLength: 0, maxLength: 8 }).map((rows) => [CSV_HEADER, ...rows].join('\r\n'));
  const multipart = (content: string, boundary = 'fuzzboundary', field = 'file') =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="../../etc/passwd.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  const plain = (b: string | Uint8Array, ct: string | undefined, ...labels: string[]) =>
    part<Body>({ body: b, contentType: ct, invalid: false, wellFormed: false }, ...labels);
  return fc.oneof(
    { weight: 3, arbitrary: csv.map((c) => plain(c, 'text/csv', 'body:csv')) },
    {
      weight: 1,
      arbitrary: csv.map((c) =>
        plain(`\ufeff${c.replace(CSV_HEADER, '档案号,年度,课程,学分,专业科目,培训单位,完成日期')}`, 'text/csv', 'body:csv'),
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 4096 })
        .map((b) =>
          plain(
            new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b]),
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'body:fake-xlsx',
          ),
        ),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((b) => plain(b, 'text/csv', 'body:random-bytes')) },
    { weight: 2, arbitrary: csv.map((c) => plain(multipart(c), 'multipart/form-data; boundary=fuzzboundary', 'body:multipart')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(csv, fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=other', 'multipart/form-data; boundary='))
        .map(([c, ct]) => plain(multipart(c), ct, 'body:malformed-multipart')),
    },
    {
      weight: 1,
      arbitrary: csv.map((c) => plain(multipart(c, 'b', 'notfile'), 'multipart/form-data; boundary=b', 'body:multipart-without-file')),
    },
    { weight: 1, arbitrary: fc.constant(plain('', 'text/csv', 'body:empty')) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((t) => plain(t, 'application/json', 'body:malformed')) },
    {
      weight: 1,
      arbitrary: oversize(fx.limits.import).map((b) => part<Body>({ ...b, contentType: b.contentType ?? 'text/csv' }, 'body:over-limit')),
    },
  );
}

function signInBody(fx: Fixture): fc.Arbitrary<Part<Body>> {
  const field = fc.oneof(fc.constantFrom(...fx.usernames), hostileText);
  return fc.oneof(
    fc.tuple(field, field).map(([u, p]) =>
      part<Body>(
        {
          body: new URLSearchParams({ username: u, password: p }).toString(),
          contentType: 'application/x-www-form-urlencoded',
          invalid: false,
          wellFormed: false,
        },
        'body:form',
      ),
    ),
    fc.tuple(field, field).map(([u, p]) =>
      part<Body>(
        {
          body: `--b\r\nContent-Disposition: form-data; name="username"\r\n\r\n${u}\r\n--b\r\nContent-Disposition: form-data; name="password"\r\n\r\n${p}\r\n--b--\r\n`,
          contentType: 'multipart/form-data; boundary=b',
          invalid: false,
          wellFormed: false,
        },
        'body:multipart',
      ),
    ),
    fc
      .constantFrom(...MALFORMED_JSON)
      .map((t) => part<Body>({ body: t, contentType: 'application/json', invalid: true, wellFormed: false }, 'body:malformed')),
    fc
      .constantFrom('multipart/form-data', 'multipart/form-data; boundary=zz', 'application/x-www-form-urlencoded')
      .map((ct) =>
        part<Body>({ body: 'username=%zz&&&password', contentType: ct, invalid: false, wellFormed: false }, 'body:malformed-form'),
      ),
    oversize(fx.limits.codec).map((b) => part(b, 'body:over-limit')),
  );
}

/** Bodies of an operation that takes none: none, or one it must ignore, refuse or cut off. */
function noBody(limit: number): fc.Arbitrary<Part<Body>> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(part<Body>({ invalid: false, wellFormed: true })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...MALFORMED_JSON)
        .map((t) => part<Body>({ body: t, contentType: 'application/json', invalid: false, wellFormed: false }, 'body:malformed')),
    },
    {
      weight: 1,
      arbitrary: anyJson.map((v) =>
        part<Body>({ body: JSON.stringify(v), contentType: 'application/json', invalid: false, wellFormed: false }, 'body:unexpected'),
      ),
    },
    { weight: 1, arbitrary: oversize(limit).map((b) => part(b, 'body:over-limit')) },
  );
}

/** Stands for a fresh value in a valid body, so that a valid body is not refused as a duplicate. */
const UNIQUE = '{unique}';
let unique = 0;
const freshen = (v: unknown): unknown =>
  v === undefined ? v : JSON.parse(JSON.stringify(v).replaceAll(UNIQUE, () => `${Date.now().toString(36)}${(unique++).toString(36)}`));
/** Valid bodies of the JSON operations, for the `valid` mode and as the base of mutations. */
export function validBodies(op: Operation, fx: Fixture, part?: string): unknown[] {
  const uniq = () => UNIQUE;
  switch (op.key) {
    case 'POST /auth/register':
      return [{ username: `fuzz-${uniq()}`, password: 'correct horse battery', displayName: '测试' }];
    case 'POST /auth/login':
    case 'POST /auth/web-session':
      return fx.usernames.map((username) => ({ username, password: 'not-the-password' }));
    case 'POST /admin/staff':
      return [
        { username: `fuzz-staff-${uniq()}`, role: 'reviewer', displayName: '测试审核', districtCodes: [DISTRICT_X, DISTRICT_Y] },
        { username: `fuzz-admin-${uniq()}`, role: 'admin', displayName: '测试管理员', phone: '010-12345678' },
      ];
    case 'PATCH /admin/staff/{userId}':
      return [{ displayName: '改名' }, { districtCodes: [DISTRICT_Y] }, { phone: null }];
    case 'POST /units/register':
      // One code: the first registration may succeed, the others are refused as a second one.
      return [
        {
          creditCode: `91110105MA01B2C3X${usccCheckChar('91110105MA01B2C3X')}`,
          name: '测试单位',
          districtCode: DISTRICT_X,
          contactName: '经办',
          phone: '010-12345678',
          email: 'fuzz-unit@example.com',
          username: `fuzz-unit-${uniq()}`,
          password: 'a unit passphrase 2026',
        },
      ];
    case 'POST /auth/password':
      // Never the right current password: the fixture's accounts keep theirs.
      return [{ currentPassword: 'not-the-password', newPassword: 'a fresh long passphrase 42' }];
    case 'POST /requests/{id}/review':
      return [
        { outcome: 'approved' },
        { outcome: 'returned', reasons: [{ target: 'field', path: 'basic.address', reason: '请填写门牌号' }], comment: '请补充' },
      ];
    case 'PUT /admin/holiday-arrangements/{year}':
      // Valid for the year the path names only; any other year is refused (422) as an arrangement of the wrong year.
      return [{ source: '国务院办公厅关于2099年部分节假日安排的通知', holidays: ['2099-01-01'], workdays: [] }];
    case 'POST /requests/{id}/withdraw':
      return [{}, { reason: '申请人书面要求撤回' }];
    case 'POST /people/me/claim':
      return [{ idNumber: '110105199001011234', name: '张伟' }];
    case 'PUT /people/{personId}/contact':
      return [{ mobile: '13800138000' }, { email: 'fuzz@example.com' }, { address: '北京市朝阳区' }];
    case 'POST /people/{personId}/talents':
    case 'PUT /people/{personId}/talents/{talentId}':
      return [
        { type: 'leading', year: 2020 },
        { type: 'international', year: 2019 },
      ];
    case 'POST /people/{personId}/credits':
    case 'PUT /people/{personId}/credits/{creditId}':
      return [
        {
          kind: 'untrustworthy',
          occurredOn: '2024-06-01',
          issuer: '北京市财政局',
          documentNo: `京财罚〔2024〕${uniq()}号`,
          description: '伪造会计凭证',
        },
      ];
    case 'POST /codec/encode':
    case 'POST /codec/decode':
      return [{ payloads: [] }, {}, { payloads: [{ metadata: { encoding: btoa('json/plain') }, data: btoa('"x"') }] }];
    case 'POST /national/events':
      return [
        {
          eventId: `e-${uniq()}`,
          transferId: `t-${uniq()}`,
          archiveNo: PERSONAL[0],
          fromProvince: '130000',
          toProvince: '110000',
          toDistrict: DISTRICT_X,
          occurredAt: new Date().toISOString(),
          type: 'transfer.requested',
        },
        {
          eventId: `e-${uniq()}`,
          transferId: `t-${uniq()}`,
          archiveNo: PERSONAL[0],
          fromProvince: '110000',
          toProvince: '130000',
          occurredAt: new Date().toISOString(),
          type: 'transfer.pulled',
        },
      ];
  }
  const formPart = /^PUT \/requests\/\{id\}\/form\/(\w+)$/.exec(op.key)?.[1] ?? part;
  if (formPart !== undefined && /^PUT \/requests\/\{id\}\/form\//.test(op.key))
    return Object.hasOwn(fx.formParts, formPart) && fx.formParts[formPart] !== undefined ? [fx.formParts[formPart]] : [];
  return [];
}

/** The route a concrete path reaches, when the client's URL normalisation has not moved it elsewhere. */
function staysOnRoute(template: string, url: string): boolean {
  const pathname = new URL(url, 'http://localhost').pathname;
  const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return re.test(pathname);
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** Every case of one operation. `methodsOfPath`: the methods the document has for the same path. */
export function casesOf(op: Operation, fx: Fixture, methodsOfPath: string[]): fc.Arbitrary<FuzzCase> {
  const policy = POLICIES[op.key] ?? { verdict: anyone };
  const pathParams = op.params.filter((p) => p.in === 'path');
  const otherMethods = METHODS.filter((m) => !methodsOfPath.includes(m));
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant(op.method) },
    { weight: otherMethods.length ? 1 : 0, arbitrary: fc.constantFrom(...(otherMethods.length ? otherMethods : [op.method])) },
  );
  const path = fc.tuple(...pathParams.map((p) => pathValue(op, p, fx)));
  const bodies = new Map<string, fc.Arbitrary<Part<Body>>>();

  const random = fc.tuple(method, path, op.secured ? authOf(op, fx) : fc.oneof(fc.constant(part<Auth | null>(null)), authOf(op, fx)));
  // Who may act on what, so that valid requests reach the deep end of an operation often enough.
  let combos: { role: Role; values: PathValue[] }[] = ROLES.map((role) => ({ role, values: [] }));
  for (const p of pathParams)
    combos = combos.flatMap((c) => goodPathValues(op, p, fx).map((v) => ({ role: c.role, values: [...c.values, v] })));
  combos = combos.filter((c) => {
    const named = Object.fromEntries(pathParams.map((p, i) => [p.name, c.values[i]!]));
    return policy.verdict({ role: c.role, request: named.id?.request, person: named.personId?.person, query: {} }) === 'allowed';
  });
  const aligned = fc
    .constantFrom(...(combos.length ? combos : [{ role: 'admin' as Role, values: [] }]))
    .map(
      (c) =>
        [
          op.method,
          c.values,
          part<Auth | null>({ role: c.role, header: { authorization: `Bearer ${fx.tokens[c.role]}` } }, `auth:${c.role}`, 'scene:allowed'),
        ] as const,
    );
  const scene = op.secured && combos.length ? fc.oneof({ weight: 7, arbitrary: random }, { weight: 3, arbitrary: aligned }) : random;

  return fc
    .tuple(scene, queryOf(op), headersOf(op))
    .chain(([[m, values, auth], query, headers]) => {
      const named = Object.fromEntries(pathParams.map((p, i) => [p.name, values[i]!]));
      const kindText = named.kind?.text ?? 'photo';
      const partName = named.part?.text;
      const limit = limitOf(m, op.template, fx.limits);
      // Built once per kind of body (building arbitraries is what takes the time, not drawing from them).
      const bodyKey = `${m}|${kindText}|${partName}`;
      let body = bodies.get(bodyKey);
      if (!body) {
        if (m === 'GET' || m === 'DELETE') body = fc.constant(part<Body>({ invalid: false, wellFormed: true }));
        else if (m !== op.method) body = noBody(limit);
        else if (op.key === 'PUT /requests/{id}/materials/{kind}') body = jpegBody(fx, kindText);
        else if (op.key === 'POST /admin/continuing-education/import') body = importBody(fx);
        else if (op.key === 'POST /admin/archive-imports') body = archiveBody();
        else if (op.key === 'POST /codec/sign-in') body = signInBody(fx);
        else if (op.body?.['application/json']) body = jsonBody(op.body['application/json'], validBodies(op, fx, partName), limit);
        else body = noBody(limit);
        bodies.set(bodyKey, body);
      }

      return body.map((bp): FuzzCase => {
        const b = bp.value;
        const labels = [...query.labels, ...headers.labels, ...bp.labels, ...pathParams.flatMap((p) => named[p.name]!.labels)];
        let url = op.template.replace(/\{([^}]+)\}/g, (_, name: string) => named[name]!.text);
        if (query.value.pairs.length) url += `?${new URLSearchParams(query.value.pairs).toString()}`;
        const h: Record<string, string> = { ...headers.value.headers, ...(auth.value?.header ?? {}), ...(b.extraHeaders ?? {}) };
        if (b.contentType) h['content-type'] = b.contentType;
        if (auth.value) labels.push(...auth.labels);
        if (m !== op.method) labels.push('method:wrong');

        const why: string[] = [];
        const pathname = new URL(url, 'http://localhost').pathname;
        const escaped = !staysOnRoute(op.template, url);
        if (escaped) labels.push('path:normalised-elsewhere');
        const early = earlyRefusal(m, pathname, h, m === 'GET' ? undefined : b.body, query.value.pairs, fx.limits);
        const role = auth.value?.role ?? null;
        const hostileParam = pathParams.some((p) => named[p.name]!.hostile);
        const expect = ((): FuzzCase['expect'] => {
          if (early) return { refused: true, statuses: [early.status], why: [early.why] };
          // The URL parser moved the request to another path: whatever it reaches, never a 5xx.
          if (escaped) return { refused: false, why };
          if (m !== op.method) return { refused: true, why: ['no such method on this path'] };
          if (op.secured && role === null)
            return { refused: true, statuses: [401], why: [`no valid session (${(auth.value as { bad?: string }).bad})`] };
          if (op.secured && policy.adminGate && role !== 'admin') return { refused: true, statuses: [403], why: ['administrators only'] };
          if (hostileParam) why.push('path parameter names nothing');
          if (b.invalid) why.push('body the route refuses');
          const scene: Scene = {
            role: role ?? 'admin',
            request: named.id?.request,
            person: named.personId?.person,
            query: query.value.values,
          };
          const verdict = op.secured && role !== null ? policy.verdict(scene) : 'allowed';
          if (verdict === 'refused') why.push(`${role} may not do this`);
          if (verdict === 'refused' && why.length === 1 && !hostileParam && b.wellFormed && query.value.valid && headers.value.valid)
            return { refused: true, statuses: [403, 404], why };
          return { refused: why.length > 0, why };
        })();
        if (
          op.secured &&
          role !== null &&
          !early &&
          !escaped &&
          m === op.method &&
          policy.verdict({ role, request: named.id?.request, person: named.personId?.person, query: query.value.values }) === 'never'
        ) {
          labels.push('never');
        }
        return { op: op.key, method: m, url, headers: h, body: m === 'GET' ? undefined : b.body, expect, labels };
      });
    })
    .filter((c) => !c.labels.includes('never'));
}

/** A short description of a case for reports: bodies and long values abbreviated. */
export function describeCase(c: FuzzCase): string {
  const cut = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const body =
    c.body === undefined
      ? '(none)'
      : typeof c.body === 'string'
        ? JSON.stringify(cut(c.body))
        : `${c.body.length} bytes [${Array.from(c.body.slice(0, 16))
            .map((b) => b.toString(16).padStart(2, '0'))
            .join(' ')}…]`;
  const headers = Object.entries(c.headers)
    .map(([k, v]) => `${k}: ${cut(v, 80)}`)
    .join('; ');
  return `${c.method} ${cut(c.url)}\n    headers: ${headers}\n    body: ${body}\n    expected: ${c.expect.refused ? `refused ${c.expect.statuses?.join('/') ?? '4xx'} (${c.expect.why.join('; ')})` : 'may succeed'}\n    labels: ${c.labels.join(', ')}`;
}
