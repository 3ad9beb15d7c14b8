/**
 * The content digest ({@link treeDigest}) of the official Facades files (`train/` 400, `val/` 100, `test/` 106
 * JPEGs), computed from the per-file SHA-256 list that ships with the data. Checking the extracted files rather
 * than the archive bytes keeps the check valid for any faithful re-packing (mirrors, re-compressed copies).
 *
 * @example
 * ```ts
 * import { FACADES_CONTENT_SHA256 } from '@pix2pix-ts/datasets';
 * FACADES_CONTENT_SHA256.length; // 64
 * ```
 */
export const FACADES_CONTENT_SHA256 = '1a5098ad0645d2e5f200b85cea3d60c90784503a7cf23f6dc2ead4afe83e51f6';
