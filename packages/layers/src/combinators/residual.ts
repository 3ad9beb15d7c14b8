import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Shape } from '@pix2pix-ts/shape-types';
import { defineLayer, type Layer, type LayerBase } from '../core/layer';
import { rank4, sameDims, type DimCheck, type FirstFail, type NeedsNHWC, type Rank4 } from '../core/output-shape';
import { joinedField } from '../core/receptive-field';
import type { FieldOfSig, OutputShape, ParamsOf, Sig, StateOf } from '../core/signature';

/** Type level: `x + inner(x)` on `S`: the inner output must be `S` (height, width, then channels). */
type ResidualOut<S, O> = S extends Rank4
  ? O extends Rank4
    ? FirstFail<[DimCheck<'residual', 'height', S[1], O[1]>, DimCheck<'residual', 'width', S[2], O[2]>, DimCheck<'residual', 'channels', S[3], O[3]>], S>
    : O
  : NeedsNHWC<'residual', S>;

/** Signature of `x -> x + inner(x)` (the ResNet block); params and state are the inner's. */
export interface ResidualSig<I = Sig> extends Sig {
  readonly op: 'residual';
  readonly inner: I;
  readonly '~out'?: this['~in'] extends Shape ? ResidualOut<this['~in'], OutputShape<I, this['~in']>> : never;
  readonly '~params'?: this['~in'] extends Shape ? ParamsOf<I, this['~in']> : never;
  readonly '~state'?: this['~in'] extends Shape ? StateOf<I, this['~in']> : never;
  readonly '~field'?: readonly [FieldOfSig<I>[0], 1];
}

/**
 * The ResNet connection: `x -> x + inner(x)`. Compiles only if `inner` keeps the whole shape, channels
 * included (`residual: channels 8 ≠ 16`).
 *
 * @example
 * ```ts
 * import { conv2d, key, pad2d, residual, serial } from '@pix2pix-ts/layers';
 * const block = residual(serial(pad2d(1), conv2d({ filters: 8, kernel: 3 })));
 * block.init(key(0), [1, 16, 16, 8]).outputShape; // readonly [1, 16, 16, 8]
 * ```
 */
export function residual<G extends Sig>(inner: LayerBase<G>): Layer<ResidualSig<G>> {
  const sig: ResidualSig<G> = {
    op: 'residual',
    inner: inner.sig,
    field: joinedField(inner.sig.field),
    outputShape: (input: Shape) =>
      pipe(
        rank4('residual', input),
        E.flatMap(() => inner.sig.outputShape(input)),
        E.flatMap((o) => sameDims('residual', input, o, [1, 2, 3])),
        E.map(() => input),
      ),
  };
  return defineLayer(`residual(${inner.name})`, sig, {
    init: (key, inputShape) => inner.impl.init(key, inputShape),
    apply(params, state, x, ctx) {
      const out = inner.impl.apply(params, state, x, ctx);
      return { y: tf.add(x, out.y), state: out.state };
    },
  });
}
