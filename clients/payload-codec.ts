import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import protobuf from 'protobufjs';
import type { Env } from '../config/env.ts';

/**
 * Encrypts every Temporal payload (inputs, results, Update arguments, memos, summaries) with AES-256-GCM,
 * so the Temporal server, its database and its Web UI hold ciphertext only. The key id travels in the
 * payload's metadata, so keys can rotate: new payloads use the current key, old ones decrypt with theirs.
 * Payloads without this codec's encoding (histories recorded before it) pass through unchanged.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;

// The inner plaintext is the original payload, serialized as temporal.api.common.v1.Payload (fields 1 and 2).
const PayloadMessage = new protobuf.Type('Payload')
  .add(new protobuf.MapField('metadata', 1, 'string', 'bytes'))
  .add(new protobuf.Field('data', 2, 'bytes'));
new protobuf.Root().define('temporal.api.common.v1').add(PayloadMessage);

export class PayloadKeyError extends Error {
  constructor(
    readonly code: 'unknown-key' | 'not-decryptable',
    message: string,
  ) {
    super(message);
  }
}

export interface PayloadKeyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/**
 * Parses `id:base64key,...` (each key 32 bytes); the current id defaults to the first. `what` names the
 * keyring in errors (the personal-data keys at rest use the same format).
 */
export function parsePayloadKeys(list: string, currentKeyId?: string, what = 'payload key'): PayloadKeyring {
  const keys = new Map<string, Buffer>();
  for (const entry of list.split(',')) {
    const [id, b64] = entry.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || key.length !== 32) throw new Error(`${what} ${id ?? '(none)'} must be 32 bytes in base64`);
    keys.set(id, key);
  }
  const current = currentKeyId ?? [...keys.keys()][0]!;
  if (!keys.has(current)) throw new Error(`${what} id ${current} is not among the configured keys`);
  return { currentKeyId: current, keys };
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

export function createPayloadCodec(keyring: PayloadKeyring): PayloadCodec {
  const aad = (keyId: string) => Buffer.from(`temporal-payload:${keyId}`);
  return {
    async encode(payloads: Payload[]): Promise<Payload[]> {
      const keyId = keyring.currentKeyId;
      const key = keyring.keys.get(keyId)!;
      return payloads.map((p) => {
        const plain = PayloadMessage.encode({ metadata: p.metadata ?? {}, data: p.data ?? new Uint8Array() }).finish();
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(keyId));
        const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
        return { metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(keyId) }, data: sealed };
      });
    },
    async decode(payloads: Payload[]): Promise<Payload[]> {
      return payloads.map((p) => {
        if (text(p.metadata?.encoding) !== ENCRYPTED_ENCODING) return p;
        const keyId = text(p.metadata?.[KEY_ID_METADATA]) ?? '';
        const key = keyring.keys.get(keyId);
        if (!key) throw new PayloadKeyError('unknown-key', `no payload key with id ${JSON.stringify(keyId.slice(0, 64))} is configured`);
        const sealed = Buffer.from(p.data ?? new Uint8Array());
        if (sealed.length < IV_BYTES + TAG_BYTES) throw new PayloadKeyError('not-decryptable', 'the encrypted payload is truncated');
        try {
          const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES)).setAAD(aad(keyId));
          decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
          const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
          const inner = PayloadMessage.toObject(PayloadMessage.decode(plain), { bytes: Uint8Array as never }) as Payload;
          return { metadata: inner.metadata ?? {}, data: inner.data ?? new Uint8Array() };
        } catch {
          throw new PayloadKeyError('not-decryptable', `the payload does not decrypt with key ${keyId}`);
        }
      });
    },
  };
}

export function payloadCodecFromEnv(env: Pick<Env, 'PAYLOAD_KEYS' | 'PAYLOAD_KEY_ID'>): PayloadCodec {
  return createPayloadCodec(parsePayloadKeys(env.PAYLOAD_KEYS, env.PAYLOAD_KEY_ID));
}
