import * as tf from '@tensorflow/tfjs-core';

/**
 * What the discriminator sees. `conditional` (the paper's cGAN and the official PyTorch code, which always
 * builds D on `input_nc + output_nc`): the pair (input A, output) concatenated on channels. `unconditional`
 * (the paper's `L1+GAN` ablation; the original Lua code's `-condition_GAN 0`): the output alone.
 */
export const DISCRIMINATOR_INPUTS = ['conditional', 'unconditional'] as const;
/** See {@link DISCRIMINATOR_INPUTS}. */
export type DiscriminatorInput = (typeof DISCRIMINATOR_INPUTS)[number];

/**
 * The input channels of a discriminator: `input_nc + output_nc` when conditional, `output_nc` when not.
 *
 * @example
 * ```ts
 * import { discriminatorChannels } from '@pix2pix-ts/pix2pix';
 * discriminatorChannels(3, 3, 'conditional'); // 6
 * discriminatorChannels(3, 3, 'unconditional'); // 3
 * ```
 */
export function discriminatorChannels(inputNc: number, outputNc: number, input: DiscriminatorInput): number {
  return input === 'conditional' ? inputNc + outputNc : outputNc;
}

/**
 * What the discriminator is given for an input `a` and an output `y` (real or generated), NHWC.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { discriminatorView } from '@pix2pix-ts/pix2pix';
 * discriminatorView(tf.zeros([1, 8, 8, 3]), tf.ones([1, 8, 8, 3]), 'conditional').shape; // [1, 8, 8, 6]
 * ```
 */
export function discriminatorView(a: tf.Tensor, y: tf.Tensor, input: DiscriminatorInput): tf.Tensor {
  return input === 'conditional' ? tf.concat([a, y], 3) : y;
}
