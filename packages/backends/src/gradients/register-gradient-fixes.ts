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
  GRADIENT_FIXES.forEach(installGradient);
  return GRADIENT_FIXES.map((fix) => fix.kernelName);
}

/**
 * Makes `config` the gradient of its kernel, over whatever was registered (tfjs-core's own); a no-op
 * when it already is. Used for the fixes above and for the gradients of this package's kernels.
 *
 * @example
 * ```ts
 * import { installGradient, mirrorPadGradConfig } from '@pix2pix-ts/backends';
 *
 * installGradient(mirrorPadGradConfig);
 * ```
 */
export function installGradient(config: GradConfig): void {
  if (tf.getGradient(config.kernelName) === config) return;
  // Unregister first: registerGradient over an existing entry logs an "overriding" warning.
  if (tf.getGradient(config.kernelName) !== undefined) tf.unregisterGradient(config.kernelName);
  tf.registerGradient(config);
}
