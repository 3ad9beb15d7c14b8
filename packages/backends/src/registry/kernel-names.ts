import * as tf from '@tensorflow/tfjs-core';

/**
 * The name of the fused Adam kernel (inputs `{ param, grad, m, v }`, attributes
 * {@link AdamUpdateAttrs}, outputs `[param', m', v']`), the one kernel name this project adds to
 * tfjs. {@link useBackend} registers it on every backend (cpu, wasm, webgl, webgpu);
 * `@pix2pix-ts/pix2pix`'s `adamStep` runs it through {@link adamUpdate}, so no other package spells
 * the name.
 *
 * @example
 * ```ts
 * import { ADAM_UPDATE } from '@pix2pix-ts/backends';
 *
 * ADAM_UPDATE; // 'Pix2PixAdamUpdate'
 * ```
 */
export const ADAM_UPDATE = 'Pix2PixAdamUpdate';

/**
 * Every kernel name this package registers or replaces, in one place: tfjs's own (its exported
 * constants, so a rename in tfjs is a compile error here) and {@link ADAM_UPDATE}.
 *
 * @example
 * ```ts
 * import { KERNEL_NAMES } from '@pix2pix-ts/backends';
 *
 * KERNEL_NAMES.conv2dBackpropFilter; // 'Conv2DBackpropFilter'
 * ```
 */
export const KERNEL_NAMES = {
  adamUpdate: ADAM_UPDATE,
  conv2d: tf.Conv2D,
  fusedConv2d: tf.FusedConv2D,
  conv2dBackpropFilter: tf.Conv2DBackpropFilter,
  conv2dBackpropInput: tf.Conv2DBackpropInput,
  identity: tf.Identity,
  concat: tf.Concat,
  splitV: tf.SplitV,
} as const;

/**
 * A kernel name of {@link KERNEL_NAMES}.
 *
 * @example
 * ```ts
 * import type { KernelName } from '@pix2pix-ts/backends';
 *
 * const name: KernelName = 'Pix2PixAdamUpdate';
 * ```
 */
export type KernelName = (typeof KERNEL_NAMES)[keyof typeof KERNEL_NAMES];
