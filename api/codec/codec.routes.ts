import { createRoute, z } from '@hono/zod-openapi';
import { json, problemResponses, security } from '../lib/openapi.ts';

/**
 * Temporal's remote codec protocol, so the Web UI and the CLI (`--codec-endpoint`) can show what the
 * encrypted payloads say. Administrators only: decoding reveals whatever the workflows carry.
 */
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
export const JsonPayload = z.object({
  metadata: z.record(z.string().min(1).max(256), base64).nullish(),
  data: base64.nullish(),
});
// Protobuf JSON leaves out an empty list: the CLI sends `{}` for a query without arguments.
const Payloads = z.object({ payloads: z.array(JsonPayload).max(10_000).default([]) }).openapi('CodecPayloads');

const codecRoute = (op: 'encode' | 'decode') =>
  createRoute({
    method: 'post',
    path: `/codec/${op}`,
    tags: ['operations'],
    summary:
      op === 'decode'
        ? 'Temporal remote codec: decrypts payloads for the Web UI or CLI (administrators)'
        : 'Temporal remote codec: encrypts payloads with the current key (administrators)',
    security,
    request: { body: { content: json(Payloads), required: true } },
    responses: {
      200: { description: 'the payloads, in the same order', content: json(Payloads) },
      ...problemResponses(op === 'decode' ? { 422: ['payload-key-unknown', 'payload-not-decryptable'] } : {}, {
        secured: 'role',
        body: true,
      }),
    },
  });
export const encodeRoute = codecRoute('encode');
export const decodeRoute = codecRoute('decode');
