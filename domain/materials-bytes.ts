/**
 * Byte-level checks of an uploaded material: is it really a JPEG, does it decode to the end, size,
 * and for the ID photo its pixel size and white background. Node only (sharp, node:crypto):
 * activities and the API import this file, workflows must not.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { MaterialKind } from './enums.ts';
import { MATERIAL_MAX_BYTES_EXCLUSIVE, PHOTO_HEIGHT, PHOTO_WIDTH } from './materials.ts';
import { violation, type RuleViolation } from './rules.ts';

/**
 * The photo's background is judged on a band `PHOTO_BORDER_PX` wide along the top edge and down the
 * left and right edges to half the height. The bottom and the lower sides are left out: in a real ID
 * photo the shoulders reach them. The band passes when the mean of each of R, G, B is at least
 * `PHOTO_BORDER_MIN_MEAN` (0–255) and the standard deviation of its luma is at most
 * `PHOTO_BORDER_MAX_STDDEV`, i.e. near-white and even (no pattern, no dark or coloured backdrop).
 */
export const PHOTO_BORDER_PX = 4;
export const PHOTO_BORDER_MIN_MEAN = 200;
export const PHOTO_BORDER_MAX_STDDEV = 30;

/** Larger images are refused before decoding (a small JPEG can claim a huge canvas). */
export const MAX_PIXELS = 30_000_000;

export interface MaterialInfo {
  width: number;
  height: number;
  byteSize: number;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
}

/** The file's facts come with the verdict; width and height are null when the file did not decode. */
export type MaterialCheck =
  | ({ ok: true; violations: [] } & MaterialInfo)
  | ({ ok: false; violations: RuleViolation[] } & Omit<MaterialInfo, 'width' | 'height'> & { width: number | null; height: number | null });

function kbText(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** A guess at what a non-JPEG upload is, so the message can say so. */
function sniff(b: Uint8Array): { zh: string; en: string } | null {
  const ascii = (from: number, s: string) => [...s].every((ch, i) => b[from + i] === ch.charCodeAt(0));
  if (b[0] === 0x89 && ascii(1, 'PNG')) return { zh: 'PNG图片', en: 'a PNG image' };
  if (ascii(0, 'GIF8')) return { zh: 'GIF图片', en: 'a GIF image' };
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return { zh: 'WebP图片', en: 'a WebP image' };
  if (ascii(0, 'BM')) return { zh: 'BMP图片', en: 'a BMP image' };
  if (ascii(0, 'II*') || ascii(0, 'MM')) return { zh: 'TIFF图片', en: 'a TIFF image' };
  if (ascii(4, 'ftyp')) return { zh: 'HEIC/HEIF图片（手机照片常见格式）', en: 'a HEIC/HEIF image (common on phones)' };
  if (ascii(0, '%PDF')) return { zh: 'PDF文档', en: 'a PDF document' };
  if (ascii(0, 'PK')) return { zh: '压缩包或Office文档', en: 'an archive or Office document' };
  const head = b.subarray(0, 512);
  if (head.length > 0 && head.every((c) => c === 9 || c === 10 || c === 13 || c >= 32)) return { zh: '文本文件', en: 'a text file' };
  return null;
}

function notJpeg(kind: MaterialKind, bytes: Uint8Array): RuleViolation {
  const path = `materials.${kind}`;
  if (bytes.length === 0) {
    return violation('materials.notJpeg', path, {
      zh: '文件是空的（0字节），不是JPEG图片，请重新选择jpg/jpeg格式的图片上传',
      en: 'the file is empty (0 bytes), not a JPEG image; choose a .jpg/.jpeg image and upload it again',
    });
  }
  const what = sniff(bytes);
  return violation('materials.notJpeg', path, {
    zh: `${what ? `该文件是${what.zh}，` : ''}不是JPEG图片（仅改扩展名无效），请另存为jpg/jpeg格式后重新上传`,
    en: `${what ? `this file is ${what.en}, ` : 'this file is '}not a JPEG image (renaming it does not convert it); save it as .jpg/.jpeg and upload again`,
  });
}

function borderStats(data: Buffer, width: number, height: number, channels: number) {
  const n = PHOTO_BORDER_PX;
  const sums = [0, 0, 0];
  let lumaSum = 0;
  let lumaSq = 0;
  let count = 0;
  const take = (x: number, y: number) => {
    const i = (y * width + x) * channels;
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    sums[0]! += r;
    sums[1]! += g;
    sums[2]! += b;
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    lumaSum += l;
    lumaSq += l * l;
    count++;
  };
  for (let y = 0; y < Math.min(n, height); y++) for (let x = 0; x < width; x++) take(x, y);
  for (let y = n; y < Math.floor(height / 2); y++) {
    for (let x = 0; x < Math.min(n, width); x++) take(x, y);
    for (let x = Math.max(width - n, n); x < width; x++) take(x, y);
  }
  const mean = sums.map((s) => s / count) as [number, number, number];
  const lumaMean = lumaSum / count;
  const stddev = Math.sqrt(Math.max(0, lumaSq / count - lumaMean * lumaMean));
  return { mean, stddev };
}

/**
 * Checks an upload of `kind`: JPEG magic number `FF D8 FF`, decodes completely (a truncated or
 * corrupt file fails), size below the limit, and for the photo 114 × 156 px on a white background.
 */
export async function checkMaterialBytes(kind: MaterialKind, bytes: Uint8Array): Promise<MaterialCheck> {
  const path = `materials.${kind}`;
  const byteSize = bytes.byteLength;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const violations: RuleViolation[] = [];
  let width: number | null = null;
  let height: number | null = null;

  if (!(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) {
    return { ok: false, violations: [notJpeg(kind, bytes)], width, height, byteSize, sha256 };
  }

  const limit = MATERIAL_MAX_BYTES_EXCLUSIVE[kind];
  if (byteSize >= limit) {
    violations.push(
      violation('materials.tooLarge', path, {
        zh: `文件大小为${kbText(byteSize)}（${byteSize}字节），应小于${limit / 1024}KB（${limit}字节），请压缩后重新上传`,
        en: `the file is ${kbText(byteSize)} (${byteSize} bytes); it must be smaller than ${limit / 1024} KB (${limit} bytes), so compress it and upload again`,
      }),
    );
  }

  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // failOn 'error' turns libjpeg's "premature end of data" (a truncated upload) and corrupt data into errors.
  const options = { failOn: 'error', limitInputPixels: MAX_PIXELS } as const;
  try {
    const meta = await sharp(input, options).metadata();
    width = meta.width ?? null;
    height = meta.height ?? null;
    if (meta.format !== 'jpeg') {
      return { ok: false, violations: [notJpeg(kind, bytes)], width, height, byteSize, sha256 };
    }
    if (kind === 'photo') {
      const { data, info } = await sharp(input, options).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      if (info.width !== PHOTO_WIDTH || info.height !== PHOTO_HEIGHT) {
        violations.push(
          violation('materials.photoDimensions', path, {
            zh: `照片尺寸为${info.width}×${info.height}像素，应为宽${PHOTO_WIDTH}×高${PHOTO_HEIGHT}像素，请裁剪或缩放后重新上传`,
            en: `the photo is ${info.width} × ${info.height} px; it must be exactly ${PHOTO_WIDTH} px wide and ${PHOTO_HEIGHT} px high, so crop or resize it`,
          }),
        );
      }
      const { mean, stddev } = borderStats(data, info.width, info.height, info.channels);
      if (mean.some((m) => m < PHOTO_BORDER_MIN_MEAN) || stddev > PHOTO_BORDER_MAX_STDDEV) {
        violations.push(
          violation('materials.photoBackground', path, {
            zh: '照片背景应为白色：照片上方和两侧边缘不够白或不均匀，请使用白底证件照',
            en: 'the background must be white: the top and side edges of the photo are not white or not even, so use a photo taken against a white background',
          }),
        );
      }
    } else {
      // stats() reads every pixel, so a damaged scan fails here without keeping the decoded image.
      await sharp(input, options).stats();
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/pixel limit/i.test(message)) {
      violations.push(
        violation('materials.tooManyPixels', path, {
          zh: `图片像素过多（超过${MAX_PIXELS / 1_000_000}百万像素），请缩小后重新上传`,
          en: `the image has too many pixels (over ${MAX_PIXELS / 1_000_000} megapixels); scale it down and upload again`,
        }),
      );
    } else {
      violations.push(
        violation('materials.corruptJpeg', path, {
          zh: 'JPEG图片已损坏或不完整（可能上传中断），无法完整显示，请重新上传',
          en: 'the JPEG image is damaged or incomplete (perhaps the upload was cut off) and cannot be fully displayed; upload it again',
        }),
      );
    }
  }

  if (violations.length > 0) return { ok: false, violations, width, height, byteSize, sha256 };
  return { ok: true, violations: [], width: width!, height: height!, byteSize, sha256 };
}
