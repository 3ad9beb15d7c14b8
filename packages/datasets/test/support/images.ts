import sharp from 'sharp';
import { noiseValue } from './patterns';

/** Raw interleaved pixels of a smooth-ish test pattern, `channels` per pixel. */
export const rawPattern = (w: number, h: number, channels: 1 | 2 | 3 | 4, seed = 0): Buffer => {
  const out = Buffer.alloc(w * h * channels);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < channels; c++) out[(y * w + x) * channels + c] = c === 3 ? 200 : (x * 5 + y * 3 + c * 60 + noiseValue(x, y, c, seed) / 16) & 255;
    }
  }
  return out;
};

/** Encodes a pattern as PNG or JPEG with the given channel count. */
export const encodeImage = async (
  w: number,
  h: number,
  format: 'png' | 'jpeg',
  channels: 1 | 2 | 3 | 4 = 3,
  seed = 0,
): Promise<Buffer> => {
  const raw = sharp(rawPattern(w, h, channels, seed), { raw: { width: w, height: h, channels } });
  // sharp writes raw 1- and 2-channel input as sRGB unless told to keep it gray
  const img = channels <= 2 ? raw.toColourspace('b-w') : raw;
  return format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 90 }).toBuffer();
};
