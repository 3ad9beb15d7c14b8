import type { Rgb8 } from '../eval/rgb';

/**
 * Lays images out in a grid (`rows[r][c]`), every cell the size of the first image, with `gap` pixels of
 * `background` between cells. The report's sample sheets: one column per test image, rows input | generated |
 * target.
 *
 * @example
 * ```ts
 * import { tileGrid } from '@pix2pix-ts/cli';
 * const px = { width: 1, height: 1, data: new Uint8Array([255, 0, 0]) };
 * tileGrid([[px, px], [px, px]], 1).width; // 3
 * ```
 */
export function tileGrid(rows: readonly (readonly Rgb8[])[], gap = 2, background: readonly [number, number, number] = [255, 255, 255]): Rgb8 {
  const first = rows[0]?.[0];
  if (first === undefined) throw new RangeError('tileGrid: no images');
  const cols = Math.max(...rows.map((r) => r.length));
  const cw = first.width;
  const ch = first.height;
  const width = cols * cw + (cols - 1) * gap;
  const height = rows.length * ch + (rows.length - 1) * gap;
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    data[i * 3] = background[0];
    data[i * 3 + 1] = background[1];
    data[i * 3 + 2] = background[2];
  }
  rows.forEach((row, r) =>
    row.forEach((img, c) => {
      if (img.width !== cw || img.height !== ch) throw new RangeError(`tileGrid: cell ${r},${c} is ${img.width}x${img.height}, expected ${cw}x${ch}`);
      const x0 = c * (cw + gap);
      const y0 = r * (ch + gap);
      for (let y = 0; y < ch; y++) data.set(img.data.subarray(y * cw * 3, (y + 1) * cw * 3), ((y0 + y) * width + x0) * 3);
    }),
  );
  return { width, height, data };
}
