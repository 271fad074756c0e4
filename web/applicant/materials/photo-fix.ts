/**
 * Fixing a material in the browser before upload: most phone photos are several megabytes. The ID
 * photo is cropped to the 114:156 portrait ratio around its centre, scaled to exactly 114×156 on a
 * white background and re-encoded as JPEG until it is under 20 KB; a scan is scaled down and
 * re-encoded until it is under its limit.
 */
import { MATERIAL_MAX_BYTES_EXCLUSIVE, PHOTO_HEIGHT, PHOTO_WIDTH } from '../../../domain/materials.ts';

export { MATERIAL_MAX_BYTES_EXCLUSIVE, PHOTO_HEIGHT, PHOTO_WIDTH };

export interface ImageFacts {
  width: number;
  height: number;
  bytes: number;
  jpeg: boolean;
}

function loadImage(file: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(file);
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('not an image'));
    };
    img.src = url;
  });
}

/** JPEG files begin with FF D8 FF, whatever their name says. */
async function isJpeg(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 3).arrayBuffer());
  return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
}

export async function imageFacts(file: Blob): Promise<ImageFacts | null> {
  try {
    const img = await loadImage(file);
    return { width: img.naturalWidth, height: img.naturalHeight, bytes: file.size, jpeg: await isJpeg(file) };
  } catch {
    return null;
  }
}

/** Whether the material would pass the size and pixel rules as it is (the API still decides). */
export function fitsRule(kind: string, facts: ImageFacts): boolean {
  const max = MATERIAL_MAX_BYTES_EXCLUSIVE[kind as keyof typeof MATERIAL_MAX_BYTES_EXCLUSIVE] ?? 50 * 1024;
  if (!facts.jpeg || facts.bytes >= max) return false;
  return kind !== 'photo' || (facts.width === PHOTO_WIDTH && facts.height === PHOTO_HEIGHT);
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encoding failed'))), 'image/jpeg', quality),
  );
}

async function encodeUnder(canvas: HTMLCanvasElement, maxBytes: number): Promise<Blob | null> {
  for (let q = 0.92; q >= 0.3; q -= 0.08) {
    const blob = await toJpeg(canvas, q);
    if (blob.size < maxBytes) return blob;
  }
  return null;
}

function whiteCanvas(width: number, height: number) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  return { canvas, ctx };
}

/** The photo cropped around its centre to 114:156, scaled to 114×156 and encoded under 20 KB. */
export async function fixPhoto(file: Blob): Promise<Blob> {
  const img = await loadImage(file);
  const target = PHOTO_WIDTH / PHOTO_HEIGHT;
  const w = img.naturalWidth;
  const h = img.naturalHeight;
  // The largest centred region of the target ratio.
  const cropW = w / h > target ? h * target : w;
  const cropH = w / h > target ? h : w / target;
  const { canvas, ctx } = whiteCanvas(PHOTO_WIDTH, PHOTO_HEIGHT);
  ctx.drawImage(img, (w - cropW) / 2, (h - cropH) / 2, cropW, cropH, 0, 0, PHOTO_WIDTH, PHOTO_HEIGHT);
  const blob = await encodeUnder(canvas, MATERIAL_MAX_BYTES_EXCLUSIVE.photo);
  if (!blob) throw new Error('photo does not compress');
  return blob;
}

/** A scan scaled down step by step and re-encoded until it is under its limit (50 KB). */
export async function fixScan(file: Blob, kind: string): Promise<Blob> {
  const img = await loadImage(file);
  const max = MATERIAL_MAX_BYTES_EXCLUSIVE[kind as keyof typeof MATERIAL_MAX_BYTES_EXCLUSIVE] ?? 50 * 1024;
  for (let longest = 1600; longest >= 400; longest = Math.round(longest * 0.8)) {
    const scale = Math.min(1, longest / Math.max(img.naturalWidth, img.naturalHeight));
    const { canvas, ctx } = whiteCanvas(Math.round(img.naturalWidth * scale), Math.round(img.naturalHeight * scale));
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await encodeUnder(canvas, max);
    if (blob) return blob;
  }
  throw new Error('scan does not compress');
}
