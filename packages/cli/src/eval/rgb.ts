/**
 * An 8-bit RGB image, row-major HWC: the form every metric and the PNG writer take (the datasets package's
 * `RgbImage` is structurally the same).
 */
export interface Rgb8 {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Throws when two images differ in size: metrics compare pixel for pixel. */
export function assertSameSize(x: Rgb8, y: Rgb8, what: string): void {
  if (x.width !== y.width || x.height !== y.height || x.data.length !== y.data.length) {
    throw new RangeError(`${what}: images differ in size (${x.width}x${x.height} vs ${y.width}x${y.height})`);
  }
  if (x.data.length !== x.width * x.height * 3) throw new RangeError(`${what}: ${x.width}x${x.height} RGB needs ${x.width * x.height * 3} bytes, got ${x.data.length}`);
}
