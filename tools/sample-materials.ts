import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

/** A passport-style photo: 114 × 156 px, white background, a figure in the middle; well under 20 KB. */
export async function samplePhoto(): Promise<Buffer> {
  const figure = Buffer.from(
    `<svg width="114" height="156"><ellipse cx="57" cy="60" rx="26" ry="32" fill="#7a6a5a"/><rect x="22" y="100" width="70" height="56" rx="20" fill="#334"/></svg>`,
  );
  return sharp({ create: { width: 114, height: 156, channels: 3, background: '#ffffff' } })
    .composite([{ input: figure }])
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** A scanned document: a light page with a few lines; well under 50 KB. */
export async function sampleScan(label = 'scan'): Promise<Buffer> {
  const lines = Array.from(
    { length: 6 },
    (_, i) => `<rect x="20" y="${30 + i * 25}" width="${200 - i * 15}" height="6" fill="#555"/>`,
  ).join('');
  const svg = Buffer.from(`<svg width="300" height="200"><text x="20" y="20" font-size="12">${label}</text>${lines}</svg>`);
  return sharp({ create: { width: 300, height: 200, channels: 3, background: '#f4f4f0' } })
    .composite([{ input: svg }])
    .jpeg({ quality: 70 })
    .toBuffer();
}

// Writes sample materials for trying the API by hand: `npx tsx tools/sample-materials.ts [folder]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? '.data/samples';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'photo.jpg'), await samplePhoto());
  for (const kind of ['idDocument', 'qualificationCertificate', 'workProof', 'educationCertificate', 'studentProof', 'transferProof']) {
    writeFileSync(join(dir, `${kind}.jpg`), await sampleScan(kind));
  }
  console.log(`sample materials written to ${dir}/`);
}
