import * as E from 'fp-ts/Either';
import type { Shape, ShapeError, ShapeFail } from '@pix2pix-ts/shape-types';
import { defineLayer, type Layer, type LayerBase } from '../core/layer';
import type { FieldOfSig, OutputShape, ParamsOf, Sig, StateOf } from '../core/signature';

/** Type level: a failure's message with `N.` in front (`down3.skip: height 9 ≠ 8`); a shape passes through. */
type Prefixed<N extends string, O> = O extends ShapeFail<infer M> ? ShapeFail<`${N}.${M}`> : O;

/** Signature of a named block: the inner's, with its errors prefixed by the block's name. */
export interface NamedSig<N extends string = string, I = Sig> extends Sig {
  readonly op: 'named';
  readonly name: N;
  readonly inner: I;
  readonly '~out'?: this['~in'] extends Shape ? Prefixed<N, OutputShape<I, this['~in']>> : never;
  readonly '~params'?: this['~in'] extends Shape ? ParamsOf<I, this['~in']> : never;
  readonly '~state'?: this['~in'] extends Shape ? StateOf<I, this['~in']> : never;
  readonly '~field'?: FieldOfSig<I>;
}

/**
 * Names a block so that a shape error inside it says where: the compile error and the run-time error
 * read `unet.down3.skip: height 9 ≠ 8` instead of `skip: height 9 ≠ 8`. Params, state and behaviour are
 * the inner layer's, unchanged (no extra level in the param tree).
 *
 * @example
 * ```ts
 * import { conv2d, key, named, serial } from '@pix2pix-ts/layers';
 * const net = named('encoder', serial(conv2d({ inChannels: 3, filters: 8, kernel: 4, stride: 2, pad: 1 })));
 * net.init(key(0), [1, 32, 32, 3]).outputShape; // readonly [1, 16, 16, 8]
 * // net.init(key(0), [1, 32, 32, 4]) does not compile: 'encoder.conv2d: channels 4 ≠ 3 expected'
 * ```
 */
export function named<const N extends string, I extends Sig>(name: N, inner: LayerBase<I>): Layer<NamedSig<N, I>> {
  const sig: NamedSig<N, I> = {
    op: 'named',
    name,
    inner: inner.sig,
    field: inner.sig.field,
    outputShape: (input: Shape) =>
      E.mapLeft((e: ShapeError): ShapeError => ({ ...e, where: `${name}.${e.where}`, message: `${name}.${e.message}` }))(inner.sig.outputShape(input)),
  };
  return defineLayer(`${name}: ${inner.name}`, sig, inner.impl);
}
