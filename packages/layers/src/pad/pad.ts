import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { requireNat, type Add, type NatArg, type Shape } from '@pix2pix-ts/shape-types';
import { defineLayer, type Layer } from '../core/layer';
import { rank4, type FirstFail, type NeedsNHWC, type OptionsCheck, type Rank4 } from '../core/output-shape';
import { IDENTITY } from '../core/receptive-field';
import type { NoParams, Sig } from '../core/signature';

/** Signature of spatial padding by `pad` on every side (reflection or zeros). */
export interface PadSig<P extends number = number> extends Sig {
  readonly op: 'pad';
  readonly pad: P;
  readonly '~out'?: this['~in'] extends Rank4 ? FirstFail<[OptionsCheck<NatArg<'pad2d', 'size', P>>], PadOut<this['~in'], P>> : NeedsNHWC<'pad', this['~in']>;
  readonly '~params'?: NoParams;
  readonly '~state'?: NoParams;
  readonly '~field'?: readonly [1, 1];
}

type PadOut<S extends Rank4, P extends number> = readonly [S[0], Add<S[1], Add<P, P>>, Add<S[2], Add<P, P>>, S[3]];

/** How {@link pad2d} fills the border. */
export type PadMode = 'reflect' | 'zeros';

/**
 * Pads H and W by `size` on every side: `reflect` is PyTorch's `ReflectionPad2d` (the ResNet
 * generator's padding), `zeros` plain zero padding.
 *
 * @example
 * ```ts
 * import { key, pad2d } from '@pix2pix-ts/layers';
 * pad2d(3, 'reflect').init(key(0), [1, 256, 256, 3]).outputShape; // readonly [1, 262, 262, 3]
 * ```
 */
export function pad2d<const P extends number>(size: P, mode: PadMode = 'reflect'): Layer<PadSig<P>> {
  requireNat('pad2d', 'size', size);
  const paddings: Array<[number, number]> = [
    [0, 0],
    [size, size],
    [size, size],
    [0, 0],
  ];
  const sig: PadSig<P> = {
    op: 'pad',
    pad: size,
    field: IDENTITY,
    outputShape: (input: Shape) => E.map(([n, h, w, c]: Rank4): Shape => [n, h + 2 * size, w + 2 * size, c])(rank4('pad', input)),
  };
  return defineLayer<PadSig<P>, NoParams, NoParams>(`pad2d(${size}, ${mode})`, sig, {
    init: () => ({ params: {}, state: {} }),
    apply: (_params, state, x) => ({ y: mode === 'reflect' ? tf.mirrorPad(x, paddings, 'reflect') : tf.pad(x, paddings), state }),
  });
}
