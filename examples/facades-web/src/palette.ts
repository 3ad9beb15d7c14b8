import { CMP_CLASSES, CMP_PALETTE, type CmpClass } from '@pix2pix-ts/datasets';

/** One class the user can paint: its index in the label map, name and colour (the Facades label colours). */
export interface LabelClass {
  readonly index: number;
  readonly name: CmpClass;
  readonly rgb: readonly [number, number, number];
}

/**
 * The 12 CMP Facades classes with the colours of the pix2pix Facades label images, from
 * `@pix2pix-ts/datasets` (so the demo paints exactly what the model was trained on).
 */
export const LABEL_CLASSES: readonly LabelClass[] = CMP_CLASSES.map((name, index) => ({
  index,
  name,
  rgb: CMP_PALETTE[index] ?? [0, 0, 0],
}));

/** The class index of a name (background 0 … shop 11). */
export const classIndex = (name: CmpClass): number => CMP_CLASSES.indexOf(name);

/** `#rrggbb` of a class. */
export const cssColour = (c: LabelClass): string => `#${c.rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
