import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Env } from '../config/env.ts';
import { normalizeIdNumber } from '../domain/identity.ts';
import { parsePayloadKeys, type PayloadKeyring } from './payload-codec.ts';

/**
 * Personal data at rest: ID numbers (the archive number) and mobile numbers are stored sealed
 * (AES-256-GCM) and found by a keyed hash (HMAC-SHA256), never in plain text.
 *
 * A sealed value is text: `v1.<key id>.<base64url of iv | ciphertext | tag>`, with a random 12-byte IV
 * and the version, key id and field as associated data, so a value opens only as the field it was
 * sealed for. It names its key, so keys rotate: new values use the current key (DATA_KEY_ID), old ones
 * open with theirs as long as that key stays configured.
 *
 * `lookup` is the keyed hash of the normalized value, for equality search and uniqueness: the same
 * number always gives the same hash, which says nothing about the number without LOOKUP_KEY.
 * Changing LOOKUP_KEY means recomputing every stored hash.
 */
export type PersonalField = 'idNumber' | 'mobile';

export const SEALED_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED = /^v1\.([A-Za-z0-9_.-]{1,64})\.([A-Za-z0-9_-]+)$/;

export class PersonalDataError extends Error {
  constructor(
    readonly code: 'unknown-key' | 'not-sealed' | 'not-decryptable',
    message: string,
  ) {
    super(message);
  }
}

/** Whether a value has the sealed form (it may still fail to open). */
export const isSealed = (v: unknown): v is string => typeof v === 'string' && SEALED.test(v);

/**
 * Where ID and mobile numbers sit in the JSON the system stores: request forms (drafts of every kind,
 * contact changes, transfers in) and history values (a history row's field is the same path, e.g.
 * `basic` or `basic.mobile`).
 *
 * Only these leaves are sealed, not whole forms: the rest of a form stays readable by the code that needs
 * no number (a transfer's destination, a district move) and by an operator looking at a row, the same
 * table seals history values, and a form the API opens keeps its shape (a returned request compares
 * parts leaf by leaf). A new form field holding an ID or mobile number must be added here.
 */
export const SENSITIVE_PATHS: Readonly<Record<string, PersonalField>> = {
  'basic.idNumber': 'idNumber',
  'basic.mobile': 'mobile',
  'contact.mobile': 'mobile',
  'transfer.idNumber': 'idNumber',
  'arrival.record.archiveNo': 'idNumber',
  'arrival.record.basic.mobile': 'mobile',
};
const PATHS = Object.keys(SENSITIVE_PATHS);

const normalizers: Record<PersonalField, (s: string) => string> = {
  idNumber: normalizeIdNumber,
  mobile: (s) => s.trim(),
};

export interface PersonalData {
  /** The key id new values are sealed with. */
  readonly currentKeyId: string;
  seal(field: PersonalField, plain: string): string;
  /** Opens a sealed value with the key it names; refuses an unknown key, a tampered value or another field's value. */
  open(field: PersonalField, sealed: string): string;
  /** Hex HMAC-SHA256 of the normalized value, for lookups and uniqueness. */
  lookup(field: PersonalField, plain: string): string;
  /** The key id a sealed value names. */
  keyIdOf(sealed: string): string;
  /**
   * `value`, found at `path` of a stored document (`''` for a whole form, a history row's field for its
   * value), with every ID and mobile number under it sealed; values already sealed stay as they are.
   */
  sealAt<T>(path: string, value: T): T;
  /** The reverse of `sealAt`: every sealed ID and mobile number under `path` opened. */
  openAt<T>(path: string, value: T): T;
}

function parseSealed(sealed: string): { keyId: string; bytes: Buffer } {
  const m = SEALED.exec(sealed);
  if (!m) throw new PersonalDataError('not-sealed', 'the value is not a sealed personal-data value (v1.<key id>.<data>)');
  return { keyId: m[1]!, bytes: Buffer.from(m[2]!, 'base64url') };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies `fn` to the string at every sensitive path under `path`. */
function mapSensitive(value: unknown, path: string, fn: (field: PersonalField, s: string) => string): unknown {
  const field = SENSITIVE_PATHS[path];
  if (field) return typeof value === 'string' ? fn(field, value) : value;
  const below = path ? `${path}.` : '';
  if (!isObject(value) || !PATHS.some((p) => p.startsWith(below))) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapSensitive(v, `${below}${k}`, fn)]));
}

/**
 * Fresh random IVs, drawn from the system's generator a few thousand at a time: one call per IV costs
 * more than the encryption itself when a whole population is sealed. Each IV is handed out once.
 */
function ivSource(batch = 4096): () => Buffer {
  let pool = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at + IV_BYTES > pool.length) {
      pool = randomBytes(IV_BYTES * batch);
      at = 0;
    }
    at += IV_BYTES;
    return pool.subarray(at - IV_BYTES, at);
  };
}

export function createPersonalData(keyring: PayloadKeyring, lookupKey: Buffer): PersonalData {
  if (lookupKey.length !== 32) throw new Error('the lookup key must be 32 bytes');
  const keys = new Map<string, KeyObject>([...keyring.keys].map(([id, k]) => [id, createSecretKey(k)]));
  // A raw key: HMAC with a key object is slower for these short inputs.
  const hmacKey = Buffer.from(lookupKey);
  const aad = (keyId: string, field: PersonalField) => Buffer.from(`personal-data:${SEALED_VERSION}:${keyId}:${field}`);
  const nextIv = ivSource();

  const api: PersonalData = {
    currentKeyId: keyring.currentKeyId,
    seal(field, plain) {
      const keyId = keyring.currentKeyId;
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', keys.get(keyId)!, iv).setAAD(aad(keyId, field));
      const bytes = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${SEALED_VERSION}.${keyId}.${bytes.toString('base64url')}`;
    },
    open(field, sealed) {
      const { keyId, bytes } = parseSealed(sealed);
      const key = keys.get(keyId);
      if (!key)
        throw new PersonalDataError('unknown-key', `no personal-data key with id ${JSON.stringify(keyId)} is configured (DATA_KEYS)`);
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new PersonalDataError('not-decryptable', 'the sealed value is truncated');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES)).setAAD(aad(keyId, field));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new PersonalDataError('not-decryptable', `the sealed ${field} does not open with key ${keyId}`);
      }
    },
    lookup(field, plain) {
      return createHmac('sha256', hmacKey)
        .update(`${field}:${normalizers[field](plain)}`)
        .digest('hex');
    },
    keyIdOf: (sealed) => parseSealed(sealed).keyId,
    sealAt: (path, value) => mapSensitive(value, path, (field, s) => (isSealed(s) ? s : api.seal(field, s))) as typeof value,
    openAt: (path, value) => mapSensitive(value, path, (field, s) => api.open(field, s)) as typeof value,
  };
  return api;
}

export function personalDataFromEnv(env: Pick<Env, 'DATA_KEYS' | 'DATA_KEY_ID' | 'LOOKUP_KEY'>): PersonalData {
  return createPersonalData(parsePayloadKeys(env.DATA_KEYS, env.DATA_KEY_ID, 'personal-data key'), Buffer.from(env.LOOKUP_KEY, 'base64'));
}
