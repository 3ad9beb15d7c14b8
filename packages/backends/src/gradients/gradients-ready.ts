import * as tf from '@tensorflow/tfjs-core';
import { GRADIENT_FIXES } from './register-gradient-fixes';

/** Kernels whose gradients every pix2pix training step needs; tfjs-core registers all or none of them. */
const PROBE_KERNELS = ['Conv2D', 'Conv2DBackpropInput', 'MirrorPad', 'FusedBatchNorm', 'LeakyRelu'] as const;

/**
 * What is wrong with the gradient registry for training, or `undefined` when nothing is: tfjs-core's
 * gradients must be registered and this package's fixes in place (registering tfjs-core's gradients
 * again, e.g. by loading the `@tensorflow/tfjs` bundle, puts its wrong `MirrorPad` gradient back).
 *
 * @example
 * ```ts
 * import { gradientsProblem, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu');
 * gradientsProblem(); // undefined
 * ```
 */
export function gradientsProblem(): string | undefined {
  const missing = PROBE_KERNELS.filter((k) => tf.getGradient(k) === undefined);
  if (missing.length > 0) return `tfjs-core's gradients are not registered (none for ${missing.join(', ')})`;
  const unfixed = GRADIENT_FIXES.filter((fix) => tf.getGradient(fix.kernelName) !== fix).map((fix) => fix.kernelName);
  if (unfixed.length > 0) return `tfjs-core's own (wrong) ${unfixed.join(', ')} gradient is registered, not the fix (something registered tfjs-core's gradients again)`;
  return undefined;
}

/**
 * Throws a clear error when gradients cannot be trusted ({@link gradientsProblem}): training code
 * calls it before `tf.valueAndGrads`, so a missing `useBackend` is an error that says so, not a
 * "gradient function not found" deep in tfjs or a silently wrong gradient.
 *
 * @param where who needs the gradients, for the message
 * @throws Error "`where`: … call useBackend(name) from @pix2pix-ts/backends first"
 *
 * @example
 * ```ts
 * import { assertGradientsReady, useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('cpu');
 * assertGradientsReady('my training step'); // passes
 * ```
 */
export function assertGradientsReady(where: string): void {
  const problem = gradientsProblem();
  if (problem !== undefined) throw new Error(`${where}: ${problem}; call useBackend(name) from @pix2pix-ts/backends first (it registers the gradients with their fixes)`);
}
