import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { MaterialKind } from '../../domain/enums.ts';
import { checkMaterialBytes, MAX_PIXELS } from '../../domain/materials-bytes.ts';

/** An ID photo: a head and shoulders (the shoulders reach the bottom edge) in front of `background`. */
async function photo({ width = 114, height = 156, background = '#ffffff', grayscale = false } = {}): Promise<Buffer> {
  const person = `<svg width="${width}" height="${height}">
    <ellipse cx="${width / 2}" cy="${height * 0.42}" rx="${width * 0.24}" ry="${height * 0.22}" fill="#e0b090"/>
    <ellipse cx="${width / 2}" cy="${height * 0.3}" rx="${width * 0.26}" ry="${height * 0.13}" fill="#1a1a1a"/>
    <path d="M0 ${height} Q ${width * 0.1} ${height * 0.72} ${width / 2} ${height * 0.7} Q ${width * 0.9} ${height * 0.72} ${width} ${height} Z" fill="#20283a"/>
  </svg>`;
  let img = sharp({ create: { width, height, channels: 3, background } }).composite([{ input: Buffer.from(person) }]);
  if (grayscale) img = img.grayscale();
  return img.jpeg({ quality: 85 }).toBuffer();
}

/** A scanned document: dark lines of "text" on white. */
async function scan(width = 600, height = 400): Promise<Buffer> {
  const lines = Array.from(
    { length: 8 },
    (_, i) => `<rect x="40" y="${40 + i * 40}" width="${width - 120}" height="10" fill="#222"/>`,
  ).join('');
  return sharp({ create: { width, height, channels: 3, background: '#f8f8f8' } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}">${lines}</svg>`) }])
    .jpeg({ quality: 70 })
    .toBuffer();
}

/**
 * Pads a JPEG to exactly `size` bytes with comment (COM, FF FE) segments after the start-of-image
 * marker, so it still decodes to the same pixels and only its size changes.
 */
function padJpeg(jpeg: Buffer, size: number): Buffer {
  let extra = size - jpeg.length;
  if (extra < 0 || (extra > 0 && extra < 4)) throw new Error(`cannot pad ${jpeg.length} bytes to ${size}`);
  const segments: Buffer[] = [];
  while (extra > 0) {
    let seg = Math.min(extra, 65_537);
    if (extra - seg > 0 && extra - seg < 4) seg -= 4;
    const payload = seg - 4;
    const s = Buffer.alloc(seg, 0x20);
    s[0] = 0xff;
    s[1] = 0xfe;
    s.writeUInt16BE(payload + 2, 2);
    segments.push(s);
    extra -= seg;
  }
  const out = Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
  expect(out.length).toBe(size);
  return out;
}

const rules = async (kind: MaterialKind, bytes: Uint8Array) => (await checkMaterialBytes(kind, bytes)).violations.map((v) => v.rule);

describe('materials that pass', () => {
  it('a white-background 114 × 156 JPEG photo under 20 KB, with its facts', async () => {
    const bytes = await photo();
    const r = await checkMaterialBytes('photo', bytes);
    expect(r).toEqual({
      ok: true,
      violations: [],
      width: 114,
      height: 156,
      byteSize: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('a grayscale photo on white', async () => {
    expect(await rules('photo', await photo({ grayscale: true }))).toEqual([]);
  });

  it('a photo of 20 479 bytes, one below the limit', async () => {
    expect(await rules('photo', padJpeg(await photo(), 20 * 1024 - 1))).toEqual([]);
  });

  it('a scanned document of any size in pixels under 50 KB, and one of 51 199 bytes', async () => {
    const bytes = await scan();
    expect(await checkMaterialBytes('idDocument', bytes)).toMatchObject({ ok: true, width: 600, height: 400 });
    expect(await rules('workProof', padJpeg(bytes, 50 * 1024 - 1))).toEqual([]);
  });

  it('accepts a Uint8Array view into a larger buffer', async () => {
    const bytes = await photo();
    const backing = new Uint8Array(bytes.length + 10);
    backing.set(bytes, 5);
    expect(await rules('photo', backing.subarray(5, 5 + bytes.length))).toEqual([]);
  });
});

describe('materials that fail', () => {
  it.each<[string, () => Promise<Uint8Array>, MaterialKind, string[]]>([
    [
      'a PNG renamed .jpg',
      () =>
        sharp({ create: { width: 114, height: 156, channels: 3, background: '#fff' } })
          .png()
          .toBuffer(),
      'photo',
      ['materials.notJpeg'],
    ],
    ['a text file', async () => Buffer.from('这不是图片 / this is not an image\n'), 'idDocument', ['materials.notJpeg']],
    ['an empty file', async () => new Uint8Array(0), 'photo', ['materials.notJpeg']],
    ['a PDF', async () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'workProof', ['materials.notJpeg']],
    ['a photo 115 × 156 px', () => photo({ width: 115 }), 'photo', ['materials.photoDimensions']],
    ['a photo 156 × 114 px (turned)', () => photo({ width: 156, height: 114 }), 'photo', ['materials.photoDimensions']],
    ['a photo of exactly 20 KB + 1 byte', async () => padJpeg(await photo(), 20 * 1024 + 1), 'photo', ['materials.tooLarge']],
    ['a photo of exactly 20 KB (the limit is "less than")', async () => padJpeg(await photo(), 20 * 1024), 'photo', ['materials.tooLarge']],
    ['a scan of exactly 50 KB', async () => padJpeg(await scan(), 50 * 1024), 'educationCertificate', ['materials.tooLarge']],
    ['a truncated JPEG', async () => (await photo()).subarray(0, 1200), 'photo', ['materials.corruptJpeg']],
    [
      'a JPEG cut just before its end marker',
      async () => {
        const b = await scan();
        return b.subarray(0, b.length - 200);
      },
      'idDocument',
      ['materials.corruptJpeg'],
    ],
    ['a photo on a dark background', () => photo({ background: '#303030' }), 'photo', ['materials.photoBackground']],
    ['a photo on the blue background of other ID photos', () => photo({ background: '#438edb' }), 'photo', ['materials.photoBackground']],
    ['a photo on a light grey background', () => photo({ background: '#bdbdbd' }), 'photo', ['materials.photoBackground']],
  ])('%s', async (_name, make, kind, expected) => {
    const r = await checkMaterialBytes(kind, await make());
    expect(r.ok).toBe(false);
    expect(r.violations.map((v) => v.rule)).toEqual(expected);
    for (const v of r.violations) expect(v.path).toBe(`materials.${kind}`);
  });

  it('says what a non-JPEG file is and that renaming does not help', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const [v] = (await checkMaterialBytes('photo', png)).violations;
    expect(v!.zh).toMatch(/^证件照：该文件是PNG图片，不是JPEG图片/);
    expect(v!.en).toMatch(/^ID photo: this file is a PNG image, not a JPEG image \(renaming it does not convert it\)/);
    const [empty] = (await checkMaterialBytes('photo', new Uint8Array(0))).violations;
    expect(empty!.zh).toMatch(/空的.*不是JPEG/);
    expect(empty!.en).toMatch(/empty.*not a JPEG/);
    const [txt] = (await checkMaterialBytes('idDocument', Buffer.from('hello'))).violations;
    expect(txt!.en).toMatch(/text file, not a JPEG/);
  });

  it('gives the size in the message', async () => {
    const [v] = (await checkMaterialBytes('photo', padJpeg(await photo(), 20 * 1024 + 1))).violations;
    expect(v!.zh).toContain('20481字节');
    expect(v!.en).toContain('smaller than 20 KB (20480 bytes)');
  });

  it('reports every broken rule of one photo at once', async () => {
    const big = padJpeg(await photo({ width: 120, background: '#202020' }), 25_000);
    expect(await rules('photo', big)).toEqual(['materials.tooLarge', 'materials.photoDimensions', 'materials.photoBackground']);
  });

  it('judges the background on the top and upper sides, where no shoulders are', async () => {
    const dark = (svg: string) =>
      sharp({ create: { width: 114, height: 156, channels: 3, background: '#ffffff' } })
        .composite([{ input: Buffer.from(`<svg width="114" height="156">${svg}</svg>`) }])
        .jpeg()
        .toBuffer();
    expect(await rules('photo', await dark('<rect x="0" y="130" width="114" height="26" fill="#111"/>'))).toEqual([]);
    expect(await rules('photo', await dark('<rect x="0" y="0" width="8" height="156" fill="#111"/>'))).toEqual([
      'materials.photoBackground',
    ]);
    expect(await rules('photo', await dark('<rect x="0" y="0" width="114" height="6" fill="#111"/>'))).toEqual([
      'materials.photoBackground',
    ]);
  });

  it('refuses a small file that claims a huge canvas before decoding it', async () => {
    const side = Math.ceil(Math.sqrt(MAX_PIXELS)) + 1;
    const bomb = await sharp({ create: { width: side, height: side, channels: 3, background: '#fff' } })
      .jpeg({ quality: 1 })
      .toBuffer();
    expect(await rules('idDocument', bomb)).toContain('materials.tooManyPixels');
  });
});
