import sharp from 'sharp';

// Test materials are the same samples a person can generate to try the API by hand.
export { samplePhoto as validPhoto, sampleScan as validScan } from '../../tools/sample-materials.ts';

/** Grain, as a camera sensor leaves it: a JPEG of it keeps nearly every byte. */
const grain = (width: number, height: number, mean: number, sigma: number) =>
  sharp({ create: { width, height, channels: 3, background: '#ffffff', noise: { type: 'gaussian', mean, sigma } } });

/**
 * A portrait against a white wall straight from a phone's camera: 2400×3200 px and several megabytes,
 * not the 114×156 under 20 KB asked for.
 */
export async function phonePhoto(): Promise<Buffer> {
  const figure = Buffer.from(
    `<svg width="2400" height="3200"><ellipse cx="1200" cy="1300" rx="520" ry="640" fill="#7a6a5a"/><rect x="500" y="2150" width="1400" height="1100" rx="380" fill="#334"/></svg>`,
  );
  const wall = await grain(2400, 3200, 240, 14).png().toBuffer();
  return sharp(wall)
    .composite([{ input: figure }])
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** A scan a little over the 50 KB limit of a proof. */
export async function oversizeScan(): Promise<Buffer> {
  return grain(400, 300, 200, 40).jpeg({ quality: 90 }).toBuffer();
}
