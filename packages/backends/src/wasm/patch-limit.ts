/** The current limit (see {@link setMaxPatchEntries}). */
let maxPatchEntries = 2 ** 24;

/**
 * Whether wasm's conv gradients may build a patch matrix of `entries` float32 values
 * (`N·OH·OW·kh·kw·Cin`) and run as matrix products ({@link filterGradByMatMul},
 * {@link inputGradByMatMul}); above the limit (default 2²⁴, 64 MiB) they run as convolutions
 * ({@link filterGradDilated}, {@link inputGradSubpixel}).
 *
 * @example
 * ```ts
 * import { patchMatrixFits } from '@pix2pix-ts/backends';
 *
 * patchMatrixFits(1 * 32 * 32 * 4 * 4 * 256); // true
 * ```
 */
export function patchMatrixFits(entries: number): boolean {
  return entries <= maxPatchEntries;
}

/**
 * Sets the limit of {@link patchMatrixFits}: `0` sends every conv gradient to the convolution
 * formulations (tests use it to keep checking those), `2 ** 24` is the default.
 *
 * @example
 * ```ts
 * import { setMaxPatchEntries } from '@pix2pix-ts/backends';
 *
 * setMaxPatchEntries(0); // dilated / sub-pixel convolutions only
 * setMaxPatchEntries(2 ** 24); // the default
 * ```
 */
export function setMaxPatchEntries(entries: number): void {
  maxPatchEntries = entries;
}
