import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng, tileGrid } from '../src/node';

describe('PNG and sample sheets', () => {
  it('encodes pixels that a decoder reads back exactly', async () => {
    const w = 13;
    const h = 7;
    const data = new Uint8Array(w * h * 3).map((_, i) => (i * 37) % 256);
    const png = encodePng({ width: w, height: h, data });
    const { data: back, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([w, h, 3]);
    expect(Buffer.from(back).equals(Buffer.from(data))).toBe(true);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('lays cells out in a grid with gaps', () => {
    const red = { width: 2, height: 2, data: new Uint8Array(12).map((_, i) => (i % 3 === 0 ? 255 : 0)) };
    const g = tileGrid([[red, red, red], [red, red, red]], 1, [0, 0, 0]);
    expect([g.width, g.height]).toEqual([8, 5]);
    expect(Array.from(g.data.subarray(0, 3))).toEqual([255, 0, 0]);
    expect(Array.from(g.data.subarray(6, 9))).toEqual([0, 0, 0]); // the gap at x = 2
    expect(() => tileGrid([[red, { width: 1, height: 1, data: new Uint8Array(3) }]])).toThrow(/expected 2x2/);
  });
});
