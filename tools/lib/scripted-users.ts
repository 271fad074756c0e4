/**
 * Scripted applicants and reviewers driving a running API over HTTP, as people do: register, fill in a
 * draft part by part, upload materials, submit; a reviewer approves. With `retry`, calls that failed
 * for want of a service (network error, 5xx) are repeated as a patient client would, and repeats that
 * the API refuses because the first attempt went through (already submitted, already decided) count
 * as done.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { upsertStaff } from '../../api/auth/users.ts';
import type { Db } from '../../clients/db.ts';
import { makeMainlandId } from '../../domain/identity.ts';
import { accountantForm } from '../../test/support/forms.ts';
import { samplePhoto, sampleScan } from '../sample-materials.ts';
import { sleep } from './deployment.ts';

export const PASSWORD = 'scripted-password-2026';
export const MATERIALS = ['photo', 'idDocument', 'qualificationCertificate', 'workProof', 'educationCertificate'] as const;

export interface Answer {
  status: number;
  data: any;
}

export interface HttpOptions {
  /** Repeat on network errors and 5xx until this many ms have passed (0: never). */
  retryForMs?: number;
  /** Per attempt. */
  timeoutMs?: number;
}

export class Http {
  /** Attempts that failed and were repeated. */
  retries = 0;

  constructor(
    readonly baseUrl: string,
    readonly opts: HttpOptions = {},
  ) {}

  async call(
    method: string,
    path: string,
    o: { token?: string; json?: unknown; body?: Uint8Array; contentType?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: BodyInit | undefined;
    if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    } else if (o.body) {
      headers['content-type'] = o.contentType ?? 'application/octet-stream';
      body = o.body as unknown as BodyInit;
    }
    const until = Date.now() + (this.opts.retryForMs ?? 0);
    for (let attempt = 1; ; attempt++) {
      let answer: Answer | undefined;
      let error: unknown;
      try {
        const res = await fetch(this.baseUrl + path, { method, headers, body, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000) });
        const text = await res.text();
        let data: unknown = text;
        try {
          data = text ? JSON.parse(text) : null;
        } catch {
          /* not JSON */
        }
        answer = { status: res.status, data };
      } catch (e) {
        error = e;
      }
      const failed = !answer || answer.status >= 500;
      if (!failed || Date.now() >= until) {
        if (answer) return answer;
        throw error;
      }
      this.retries++;
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)));
    }
  }
}

const expectStatus = (what: string, res: Answer, ...ok: number[]) => {
  if (!ok.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.data).slice(0, 400)}`);
  return res;
};
const problemType = (res: Answer) => String(res.data?.type ?? '');

/** Registers an applicant through the API and signs in once; a retried registration that went through signs in. */
export async function newApplicant(http: Http, name = `applicant-${randomBytes(5).toString('hex')}`): Promise<string> {
  const reg = await http.call('POST', '/auth/register', { json: { username: name, password: PASSWORD, displayName: '脚本申请人' } });
  if (reg.status !== 201 && !(reg.status === 409 && problemType(reg).endsWith('username-taken'))) expectStatus('register', reg, 201);
  return login(http, name);
}

export async function login(http: Http, username: string): Promise<string> {
  return expectStatus(`login ${username}`, await http.call('POST', '/auth/login', { json: { username, password: PASSWORD } }), 200).data
    .token;
}

/** A district reviewer account (staff are not self-registered), signed in once. */
export async function newReviewer(http: Http, db: Db, districtCode: string): Promise<string> {
  const username = `reviewer-${districtCode}-${randomBytes(4).toString('hex')}`;
  await upsertStaff(db, { username, password: PASSWORD, role: 'reviewer', displayName: 'Scripted reviewer', districtCode });
  return login(http, username);
}

/** Distinct, valid people: no two share an ID number (archive number) within one factory. */
export class People {
  private used = new Set<string>();

  next(districtCode = '110105') {
    for (;;) {
      const year = 1970 + randomInt(30);
      const birthDate = `${year}-${String(1 + randomInt(12)).padStart(2, '0')}-${String(1 + randomInt(28)).padStart(2, '0')}`;
      const idNumber = makeMainlandId(districtCode, birthDate, randomInt(500) * 2 + 1);
      if (this.used.has(idNumber)) continue;
      this.used.add(idNumber);
      return { idNumber, birthDate, sex: 'male' as const, districtCode };
    }
  }
}

let materialBytes: Promise<Record<string, Buffer>> | undefined;
/** The sample materials, made once. */
export function materials(): Promise<Record<string, Buffer>> {
  materialBytes ??= (async () => {
    const out: Record<string, Buffer> = { photo: await samplePhoto() };
    for (const k of MATERIALS) if (k !== 'photo') out[k] = await sampleScan(k);
    return out;
  })();
  return materialBytes;
}

/** A complete draft: every part, every material, the commitment. Returns the request id and the archive number. */
export async function prepareDraft(
  http: Http,
  token: string,
  person: ReturnType<People['next']>,
): Promise<{ id: string; archiveNo: string }> {
  const form = accountantForm(person);
  const id: string = expectStatus('create draft', await http.call('POST', '/requests/collection', { token }), 201).data.requestId;
  for (const [part, value] of Object.entries(form)) {
    expectStatus(`save ${part}`, await http.call('PUT', `/requests/${id}/form/${part}`, { token, json: value }), 200);
  }
  const bytes = await materials();
  for (const kind of MATERIALS) {
    expectStatus(
      `upload ${kind}`,
      await http.call('PUT', `/requests/${id}/materials/${kind}`, { token, body: bytes[kind]!, contentType: 'image/jpeg' }),
      200,
    );
  }
  expectStatus('commitment', await http.call('POST', `/requests/${id}/commitment`, { token }), 200);
  return { id, archiveNo: form.basic.idNumber };
}

/** Submits; a repeat refused as already submitted means an earlier attempt went through. */
export async function submit(http: Http, token: string, id: string): Promise<Answer> {
  const res = await http.call('POST', `/requests/${id}/submit`, { token });
  if (res.status === 409 && problemType(res).endsWith('already-submitted')) return res;
  return expectStatus(`submit ${id}`, res, 200);
}

/** Approves; a repeat refused as no longer awaiting review means an earlier attempt went through. */
export async function approve(http: Http, token: string, id: string): Promise<Answer> {
  for (let attempt = 0; ; attempt++) {
    const res = await http.call('POST', `/requests/${id}/review`, { token, json: { outcome: 'approved' } });
    if (!(res.status === 409 && problemType(res).endsWith('not-awaiting-review'))) return expectStatus(`approve ${id}`, res, 200);
    // Refused as not awaiting review: either decided already (an earlier attempt went through), or listed in the
    // inbox before its workflow has taken the submit back (a workflow task retried after a worker died). Ask the
    // workflow which, and in the second case approve again once it waits for review.
    const live = await http.call('GET', `/requests/${id}/status?live=true`, { token });
    const state = live.status === 200 ? (live.data.state as string) : 'unknown';
    if (!['draft', 'submitted', 'awaitingReview', 'unknown'].includes(state) || attempt >= 300) return res;
    await sleep(200);
  }
}

/** The reviewer's inbox, oldest first. */
export async function inbox(http: Http, token: string, pageSize = 100): Promise<string[]> {
  const res = expectStatus('inbox', await http.call('GET', `/reviews/inbox?pageSize=${pageSize}`, { token }), 200);
  return res.data.items.map((i: { requestId: string }) => i.requestId);
}

/** Runs `fn` over items with at most `limit` at a time. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}
