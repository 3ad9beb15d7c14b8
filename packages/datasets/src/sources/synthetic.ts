import { foldIn, key, randomInt, uniform, type Key } from '@pix2pix-ts/random';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { decodeInput } from '../config/decode-input';
import { SyntheticOptions } from '../config/source-options';
import type { DatasetError } from '../errors/dataset-error';
import { rgbImage, type RgbImage } from '../image/rgb-image';
import { CMP_PALETTE } from './cmp-palette';
import type { PairSource } from './pair-source';

/*
 * Procedural facades. A label map is drawn from rectangles (sky, facade, floors of windows with sills, blinds and
 * balconies, cornices, pillars, a door or a shop front) with every size and position drawn from a key; the
 * "photo" is a fixed function of the label map: each class has a base colour and a texture, both functions of
 * (class, x, y) only. So the photo is exactly predictable from the labels, a mapping a pix2pix model can learn.
 */

// Class indices into CMP_CLASSES.
const BACKGROUND = 0;
const FACADE = 1;
const WINDOW = 2;
const DOOR = 3;
const CORNICE = 4;
const SILL = 5;
const BALCONY = 6;
const BLIND = 7;
const DECO = 8;
const MOLDING = 9;
const PILLAR = 10;
const SHOP = 11;

const fill = (labels: Uint8Array, size: number, x0: number, y0: number, x1: number, y1: number, cls: number): void => {
  const xa = Math.max(0, Math.min(size, Math.round(x0)));
  const xb = Math.max(0, Math.min(size, Math.round(x1)));
  const ya = Math.max(0, Math.min(size, Math.round(y0)));
  const yb = Math.max(0, Math.min(size, Math.round(y1)));
  for (let y = ya; y < yb; y++) labels.fill(cls, y * size + xa, y * size + xb);
};

/**
 * Draws a label map (class index per pixel, `size`x`size`) from a key. Pure.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/random';
 * import { syntheticLabels } from '@pix2pix-ts/datasets';
 * const labels = syntheticLabels(key(1), 64); // Uint8Array(64 * 64) of class indices 0..11
 * ```
 */
export const syntheticLabels = (k: Key, size: number): Uint8Array => {
  let n = 0;
  const next = (): Key => foldIn(k, n++);
  const int = (lo: number, hi: number): number => randomInt(next(), lo, Math.max(lo, hi));
  const coin = (p: number): boolean => uniform(next()) < p;
  const labels = new Uint8Array(size * size).fill(FACADE);
  const sky = int(0, Math.floor(size / 8));
  fill(labels, size, 0, 0, size, sky, BACKGROUND);
  const pillars = coin(0.4) ? Math.max(2, Math.floor(size / 24)) : 0;
  if (pillars > 0) {
    fill(labels, size, 0, sky, pillars, size, PILLAR);
    fill(labels, size, size - pillars, sky, size, size, PILLAR);
  }
  const floors = int(2, 5);
  const ground = coin(0.5);
  const floorH = (size - sky) / (floors + (ground ? 1 : 0));
  const cornice = Math.max(1, Math.floor(floorH / 12));
  const cols = int(2, 5);
  const slot = (size - 2 * pillars) / cols;
  const winW = slot * (0.35 + 0.3 * uniform(next()));
  for (let f = 0; f < floors; f++) {
    const top = sky + f * floorH;
    fill(labels, size, 0, top, size, top + cornice, CORNICE);
    const winTop = top + floorH * 0.25;
    const winBottom = top + floorH * 0.8;
    const balcony = coin(0.3);
    for (let c = 0; c < cols; c++) {
      const cx = pillars + (c + 0.5) * slot;
      fill(labels, size, cx - winW / 2, winTop, cx + winW / 2, winBottom, WINDOW);
      if (coin(0.3)) fill(labels, size, cx - winW / 2, winTop, cx + winW / 2, winTop + (winBottom - winTop) * 0.4, BLIND);
      if (coin(0.2)) fill(labels, size, cx - winW / 2, winTop - floorH * 0.1, cx + winW / 2, winTop - 1, DECO);
      fill(labels, size, cx - winW / 2 - 1, winBottom, cx + winW / 2 + 1, winBottom + Math.max(1, floorH * 0.05), SILL);
      if (balcony) fill(labels, size, cx - winW / 2 - 2, winBottom - floorH * 0.18, cx + winW / 2 + 2, winBottom, BALCONY);
    }
  }
  if (ground) {
    const top = sky + floors * floorH;
    fill(labels, size, 0, top, size, top + cornice, CORNICE);
    if (coin(0.5)) {
      fill(labels, size, pillars, top + floorH * 0.2, size - pillars, size, SHOP);
    } else {
      const doorW = size * 0.12;
      const dx = int(pillars, Math.floor(size - pillars - doorW));
      fill(labels, size, dx - 2, top + floorH * 0.2 - 2, dx + doorW + 2, size, MOLDING);
      fill(labels, size, dx, top + floorH * 0.2, dx + doorW, size, DOOR);
    }
  }
  return labels;
};

const hash = (x: number, y: number): number => {
  let h = (Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) & 15;
};

const clamp8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/**
 * The "photo" of a label map: a fixed function of (class, x, y) per pixel (base colour, texture, a little fixed
 * grain). Pure.
 *
 * @example
 * ```ts
 * import { renderSyntheticPhoto } from '@pix2pix-ts/datasets';
 * const photo = renderSyntheticPhoto(new Uint8Array(16).fill(2), 4); // a 4x4 window
 * ```
 */
export const renderSyntheticPhoto = (labels: Uint8Array, size: number): RgbImage => {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cls = labels[y * size + x] ?? FACADE;
      let r: number;
      let g: number;
      let b: number;
      switch (cls) {
        case BACKGROUND: // sky: a vertical gradient
          r = 140 + (60 * y) / size; g = 170 + (50 * y) / size; b = 225;
          break;
        case FACADE: { // bricks: mortar every 8 rows, staggered joints every 16 columns
          const mortar = y % 8 === 0 || (x + (Math.floor(y / 8) % 2) * 8) % 16 === 0;
          [r, g, b] = mortar ? [168, 150, 124] : [201, 178, 146];
          break;
        }
        case WINDOW: // dark glass with a diagonal reflection
          [r, g, b] = (x + y) % 12 < 3 ? [96, 110, 130] : [38, 48, 66];
          break;
        case DOOR: // planks
          [r, g, b] = x % 6 === 0 ? [70, 40, 20] : [110, 66, 34];
          break;
        case CORNICE:
          [r, g, b] = y % 3 === 0 ? [190, 186, 178] : [224, 219, 208];
          break;
        case SILL:
          [r, g, b] = [212, 206, 196];
          break;
        case BALCONY: // railings
          [r, g, b] = x % 4 === 0 ? [40, 40, 44] : [120, 120, 124];
          break;
        case BLIND: // slats
          [r, g, b] = y % 3 === 0 ? [140, 90, 60] : [186, 124, 82];
          break;
        case DECO: // checker
          [r, g, b] = (Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0 ? [196, 174, 140] : [170, 150, 120];
          break;
        case MOLDING:
          [r, g, b] = [172, 162, 150];
          break;
        case PILLAR: // fluting
          [r, g, b] = x % 5 < 2 ? [196, 188, 174] : [218, 208, 192];
          break;
        default: // SHOP: glass with a sign band
          [r, g, b] = y % 20 < 4 ? [200, 40, 40] : [80, 100, 122];
      }
      const grain = hash(x, y) - 8;
      const o = (y * size + x) * 3;
      data[o] = clamp8(r + grain);
      data[o + 1] = clamp8(g + grain);
      data[o + 2] = clamp8(b + grain);
    }
  }
  return rgbImage(size, size, data);
};

/**
 * Colours a label map with {@link CMP_PALETTE}, like the label halves of the Facades images. Pure.
 *
 * @example
 * ```ts
 * import { paintLabels } from '@pix2pix-ts/datasets';
 * paintLabels(Uint8Array.of(2), 1).data; // [0, 128, 255] (window)
 * ```
 */
export const paintLabels = (labels: Uint8Array, size: number): RgbImage => {
  const data = new Uint8Array(size * size * 3);
  for (let i = 0; i < size * size; i++) {
    const [r, g, b] = CMP_PALETTE[labels[i] ?? FACADE] ?? [0, 0, 0];
    data[i * 3] = r;
    data[i * 3 + 1] = g;
    data[i * 3 + 2] = b;
  }
  return rgbImage(size, size, data);
};

/**
 * Synthetic pair number `index` of the set `seed`: `a` the rendered photo, `b` the painted labels (the Facades
 * layout: photo A, labels B). Pure and deterministic.
 *
 * @example
 * ```ts
 * import { syntheticPair } from '@pix2pix-ts/datasets';
 * const { a, b } = syntheticPair(0, 3, 256); // two 256x256 RgbImages
 * ```
 */
export const syntheticPair = (seed: number, index: number, size: number): { readonly a: RgbImage; readonly b: RgbImage } => {
  const labels = syntheticLabels(foldIn(key(seed), index), size);
  return { a: renderSyntheticPhoto(labels, size), b: paintLabels(labels, size) };
};

/**
 * A procedural, seeded paired set of Facades-like label maps and their renderings: data for examples and tests
 * when nothing else is present. Works everywhere (nothing is read or decoded). Options are decoded with io-ts
 * (see `SyntheticOptions`): `seed` (0), `count` (64), `size` (256), `direction` (`BtoA`, labels → photo).
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { synthetic } from '@pix2pix-ts/datasets';
 * const source = synthetic({ count: 16, size: 128 }); // Right(PairSource)
 * synthetic({ count: 0 }); // Left: 'invalid synthetic options: count: expected an integer in [1, 1000000], got 0'
 * ```
 */
export const synthetic = (options: SyntheticOptions = {}): E.Either<DatasetError, PairSource> =>
  pipe(
    decodeInput(SyntheticOptions, 'synthetic options')(options),
    E.map((o) => {
      const seed = o.seed ?? 0;
      const count = o.count ?? 64;
      const size = o.size ?? 256;
      return {
        name: `synthetic facades (seed ${seed}, ${count} pairs of ${size}x${size})`,
        direction: o.direction ?? 'BtoA',
        requireSquareHalves: true,
        entries: Array.from({ length: count }, (_, index) => ({
          kind: 'synthetic' as const,
          id: `synthetic/${seed}/${index}`,
          seed,
          index,
          size,
        })),
      };
    }),
  );
