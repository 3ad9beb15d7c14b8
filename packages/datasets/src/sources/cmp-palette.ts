/**
 * The 12 classes of the CMP Facade Database, in its label order (1-based index = position + 1).
 *
 * @example
 * ```ts
 * import { CMP_CLASSES } from '@pix2pix-ts/datasets';
 * CMP_CLASSES.indexOf('window'); // 2
 * ```
 */
export const CMP_CLASSES = [
  'background',
  'facade',
  'window',
  'door',
  'cornice',
  'sill',
  'balcony',
  'blind',
  'deco',
  'molding',
  'pillar',
  'shop',
] as const;

/**
 * One of {@link CMP_CLASSES}.
 *
 * @example
 * ```ts
 * import type { CmpClass } from '@pix2pix-ts/datasets';
 * const c: CmpClass = 'balcony';
 * ```
 */
export type CmpClass = (typeof CMP_CLASSES)[number];

const jet = (x: number): readonly [number, number, number] => {
  const ch = (v: number): number => Math.round(255 * Math.min(1, Math.max(0, 1.5 - Math.abs(4 * x - v))));
  return [ch(3), ch(2), ch(1)];
};

/**
 * The label colours of the pix2pix Facades images: a jet colour map sampled at `(k + 0.2) / 12.8` for class
 * `k = 1 … 12`. Measured on `facades/train` (modal colours of the label halves): (0,0,223), (0,48,255),
 * (0,128,255), (0,207,255), (191,255,64), (255,159,0), (255,80,0), (175,0,0) all occur, within JPEG noise.
 *
 * @example
 * ```ts
 * import { CMP_PALETTE } from '@pix2pix-ts/datasets';
 * CMP_PALETTE[2]; // window: [0, 128, 255]
 * ```
 */
export const CMP_PALETTE: readonly (readonly [number, number, number])[] = CMP_CLASSES.map((_, i) => jet((i + 1.2) / 12.8));
