import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig } from '@tensorflow/tfjs-core';
import { mirrorPadGradConfig } from './mirror-pad-grad';
import { squaredDifferenceGradConfig } from './squared-difference-grad';

/**
 * The gradients this package replaces because tfjs-core's are wrong: `MirrorPad` (drops the
 * mirrored borders) and `SquaredDifference` (does not reduce broadcast operands).
 *
 * @example
 * ```ts
 * import { GRADIENT_FIXES } from '@pix2pix-ts/backends';
 *
 * GRADIENT_FIXES.map((g) => g.kernelName); // ['MirrorPad', 'SquaredDifference']
 * ```
 */
export const GRADIENT_FIXES: readonly GradConfig[] = [mirrorPadGradConfig, squaredDifferenceGradConfig];

/**
 * Installs {@link GRADIENT_FIXES} over tfjs-core's gradients (global, all backends). Call it after
 * tfjs-core's gradients are registered ({@link ensureCoreGradients}), since registering those
 * again would put the wrong ones back; re-running it restores the fixes. Idempotent.
 *
 * @returns the kernel names whose gradients are now this package's
 *
 * @example
 * ```ts
 * import { ensureCoreGradients, registerGradientFixes } from '@pix2pix-ts/backends';
 *
 * await ensureCoreGradients();
 * registerGradientFixes(); // ['MirrorPad', 'SquaredDifference']
 * ```
 */
export function registerGradientFixes(): readonly string[] {
  for (const fix of GRADIENT_FIXES) {
    if (tf.getGradient(fix.kernelName) === fix) continue;
    // Unregister first: registerGradient over an existing entry logs an "overriding" warning.
    if (tf.getGradient(fix.kernelName) !== undefined) tf.unregisterGradient(fix.kernelName);
    tf.registerGradient(fix);
  }
  return GRADIENT_FIXES.map((fix) => fix.kernelName);
}
