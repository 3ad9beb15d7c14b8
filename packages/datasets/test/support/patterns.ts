import { imageFrom, type RgbImage } from '../../src/image/rgb-image';

/** Mirrors `noise` in test/fixtures/make-pil-fixture.py bit for bit (32-bit integer hashing). */
export const noiseValue = (x: number, y: number, c: number, seed: number): number => {
  let h = (Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(c, 83492791) ^ Math.imul(seed, 2654435761 | 0)) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h, 1274126177) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h & 255;
};

/** Mirrors `smooth` in the fixture script: a ramp with a hard edge at the middle column. */
export const smoothValue = (x: number, y: number, c: number, seed: number, w: number): number => {
  const v = (x * 7 + y * 3 + c * 50 + seed) % 256;
  return x * 2 >= w ? 255 - v : v;
};

/** The fixture script's `make(pattern, w, h, seed)`. */
export const pattern = (kind: 'noise' | 'smooth', w: number, h: number, seed: number): RgbImage =>
  imageFrom(w, h, (x, y, c) => (kind === 'noise' ? noiseValue(x, y, c, seed) : smoothValue(x, y, c, seed, w)));
