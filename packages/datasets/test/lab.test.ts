import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labToRgb, labToRgbBytes, rgbToLab } from '../src/index';

// Reference values: scikit-image's rgb2lab / lab2rgb formulas (skimage/color/colorconv.py: its xyz_from_rgb
// matrix, D65 (0.95047, 1, 1.08883), breakpoints 0.008856 and 0.2068966) evaluated in float64 with numpy 1.24.
const RGB_TO_LAB: readonly (readonly [readonly [number, number, number], readonly [number, number, number]])[] = [
  [[1, 1, 1], [100.0, -0.0024549378620508655, 0.004653421154054982]],
  [[0, 0, 0], [0, 0, 0]],
  [[1, 0, 0], [53.2405879437449, 80.0923082256922, 67.2027510444287]],
  [[0, 1, 0], [87.73509948831895, -86.18302974439501, 83.17970317538452]],
  [[0, 0, 1], [32.29567256501351, 79.18559091176556, -107.85730020669489]],
  [[0.5, 0.5, 0.5], [53.38896474111431, -0.0014684965237155012, 0.0027835868653625084]],
  [[0.01, 0.02, 0.03], [1.3000539221486065, -0.31235027728143683, -1.1997649952041]],
];

const LAB_TO_RGB: readonly (readonly [readonly [number, number, number], readonly [number, number, number]])[] = [
  [[50, 20, -30], [0.4963614436870913, 0.4292576410173743, 0.6668388990840574]],
  [[75, -40, 60], [0.5592358407899695, 0.7910330973552467, 0.25006582570315644]],
  [[5, 1, 1], [0.0758496224780226, 0.0635748739177347, 0.05915235388269579]],
  [[100, 0, 0], [1.0, 0.9999954233438438, 1.0]],
  [[0, 0, 0], [0, 0, 0]],
  // out of gamut: z < 0 is clipped, then the result is clipped to [0, 1]
  [[50, 0, -128], [0.0, 0.5427876485648345, 1.0]],
];

const expectClose = (actual: Float32Array, expected: readonly number[], digits: number): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, digits));
};

describe('sRGB ↔ CIE Lab (D65, as skimage)', () => {
  it('rgbToLab matches skimage.color.rgb2lab on known colours (white → (100, 0, 0), red → (53.24, 80.09, 67.20))', () => {
    for (const [rgb, lab] of RGB_TO_LAB) expectClose(rgbToLab(Float32Array.from(rgb)), lab, 3);
  });

  it('reads bytes as value / 255 (uint8 and float inputs agree)', () => {
    const bytes = Uint8Array.of(10, 200, 77, 255, 0, 0);
    expectClose(rgbToLab(bytes), [70.80632938977293, -66.62549872016471, 48.859933203759965, 53.2405879437449, 80.0923082256922, 67.2027510444287], 3);
    expect(rgbToLab(bytes)).toEqual(rgbToLab(Float64Array.from(bytes, (v) => v / 255)));
  });

  it('labToRgb matches skimage.color.lab2rgb, including its clipping of out-of-gamut colours', () => {
    for (const [lab, rgb] of LAB_TO_RGB) expectClose(labToRgb(Float64Array.from(lab)), rgb, 5);
  });

  it('works on whole HWC images and rejects a length that is not a multiple of 3', () => {
    const image = Float32Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1);
    const lab = rgbToLab(image);
    expect(lab.length).toBe(12);
    expectClose(lab.subarray(9), [100, 0, 0], 2);
    expect(() => rgbToLab(new Float32Array(4))).toThrow(/triples/);
    expect(() => labToRgb(new Float32Array(5))).toThrow(/triples/);
  });

  it('round trip: every byte colour comes back from Lab to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3, maxLength: 3 * 16 }).map((a) => a.subarray(0, a.length - (a.length % 3))), (bytes) => {
        expect(labToRgbBytes(rgbToLab(bytes))).toEqual(bytes);
      }),
      { seed: 14, numRuns: 300 },
    );
  });

  it('round trip on floats in [0, 1] is within float32 precision', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), (rgb) => {
        const back = labToRgb(rgbToLab(Float64Array.from(rgb)));
        rgb.forEach((v, i) => expect(Math.abs((back[i] ?? -1) - v)).toBeLessThan(1e-4));
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
