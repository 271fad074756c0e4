/** The documents a transfer carries, checked as the platform receives them: a JPEG under 50 KB, the digest it claims. */
import { createHash } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { AttachmentMeta } from './db.ts';
import { fail } from './http.ts';
import { ATTACHMENT_MAX_BYTES, type AttachmentUpload } from './schemas.ts';

/** A JPEG starts with SOI and a marker (FF D8 FF) and ends with EOI (FF D9). */
export function looksLikeJpeg(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return n >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9;
}

/** Decoded and checked; an attachment's id follows from the transfer and its kind, so a repeated start names the same. */
export function checkedAttachments(
  transferId: string,
  uploads: z.infer<typeof AttachmentUpload>[],
): (AttachmentMeta & { bytes: Buffer })[] {
  return uploads.map((a) => {
    const bytes = Buffer.from(a.data, 'base64');
    if (bytes.length >= ATTACHMENT_MAX_BYTES) {
      fail(
        'attachment-too-large',
        `The ${a.kind} is ${bytes.length} bytes; it must be under 50 KB.`,
        `${a.kind} 为 ${bytes.length} 字节，须小于 50 KB。`,
        {
          kind: a.kind,
          byteSize: bytes.length,
        },
      );
    }
    if (!looksLikeJpeg(bytes)) fail('attachment-not-jpeg', `The ${a.kind} is not a JPEG.`, `${a.kind} 不是 JPEG 图像。`, { kind: a.kind });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== a.sha256) {
      fail(
        'attachment-digest-mismatch',
        `The ${a.kind}'s SHA-256 is ${sha256}, not ${a.sha256}.`,
        `${a.kind} 的 SHA-256 为 ${sha256}，与声明的 ${a.sha256} 不符。`,
        {
          kind: a.kind,
        },
      );
    }
    return { attachmentId: `${transferId}.${a.kind}`, kind: a.kind, contentType: a.contentType, byteSize: bytes.length, sha256, bytes };
  });
}
