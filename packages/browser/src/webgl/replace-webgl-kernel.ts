import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';

/** The replacements {@link replaceWebglKernel} registered, to recognise them (idempotence). */
const installed = new WeakSet<KernelConfig>();

/**
 * Registers `replace(native)` over webgl's kernel `kernelName`, where `native` is the kernel registered
 * now (tfjs's; the replacement falls back to it for what it does not handle). Once: when the registered
 * kernel is already a replacement made here, nothing changes. Call after the webgl backend package is
 * loaded.
 *
 * @returns whether the replacement is in place (false: webgl has no such kernel)
 *
 * @example
 * ```ts
 * import { replaceWebglKernel } from '@pix2pix-ts/browser';
 *
 * replaceWebglKernel('Conv2DBackpropInput', (native) => native); // a replacement that changes nothing
 * ```
 */
export function replaceWebglKernel(kernelName: string, replace: (native: KernelConfig) => KernelConfig): boolean {
  const native = tf.getKernel(kernelName, 'webgl');
  if (native === undefined) return false;
  if (installed.has(native)) return true;
  const next = replace(native);
  installed.add(next);
  tf.unregisterKernel(kernelName, 'webgl');
  tf.registerKernel(next);
  return true;
}
