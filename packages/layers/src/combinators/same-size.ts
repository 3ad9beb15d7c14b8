import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Shape, ShapeFail } from '@pix2pix-ts/shape-types';
import { defineLayer, type Layer, type LayerBase } from '../core/layer';
import { sameDims, type DimCheck, type FirstFail, type Rank4 } from '../core/output-shape';
import type { OutputShape, ParamsOf, Sig, StateOf } from '../core/signature';

/** Type level: `O` when its height and width are `S`'s, else `<name>: height 254 ≠ 256`. */
type SameSizeOut<N extends string, S, O> = S extends Rank4
  ? O extends Rank4
    ? FirstFail<[DimCheck<N, 'height', S[1], O[1]>, DimCheck<N, 'width', S[2], O[2]>], O>
    : O
  : O extends ShapeFail<string>
    ? O
    : S;

/**
 * Signature of {@link sameSize}: the inner's, refusing an input whose height or width the inner does not
 * give back.
 */
export interface SameSizeSig<N extends string, I> extends Sig {
  readonly op: 'sameSize';
  readonly name: N;
  readonly inner: I;
  readonly '~out'?: this['~in'] extends Shape ? SameSizeOut<N, this['~in'], OutputShape<I, this['~in']>> : never;
  readonly '~params'?: this['~in'] extends Shape ? ParamsOf<I, this['~in']> : never;
  readonly '~state'?: this['~in'] extends Shape ? StateOf<I, this['~in']> : never;
  readonly '~field'?: I extends Sig ? I['~field'] : never;
}

/**
 * An image-to-image network that must give back its input's height and width: the official ResNet
 * generator turns 254x254 into 256x256 (two stride-2 downs round up, two ups double), which a pix2pix
 * loss then cannot compare; this refuses such an input at compile time (`resnet: height 254 ≠ 256`) and at
 * run time with the same words. Params, state and behaviour are the inner's.
 *
 * @example
 * ```ts
 * import { conv2d, key, sameSize } from '@pix2pix-ts/layers';
 * const net = sameSize('net', conv2d({ filters: 3, kernel: 3, pad: 1 }));
 * net.init(key(0), [1, 8, 8, 3]).outputShape; // readonly [1, 8, 8, 3]
 * ```
 */
export function sameSize<const N extends string, I extends Sig>(name: N, inner: LayerBase<I>): Layer<SameSizeSig<N, I>> {
  const sig: SameSizeSig<N, I> = {
    op: 'sameSize',
    name,
    inner: inner.sig,
    field: inner.sig.field,
    outputShape: (input: Shape) =>
      pipe(
        inner.sig.outputShape(input),
        E.flatMap((o) => E.map(() => o)(sameDims(name, input, o, [1, 2]))),
      ),
  };
  return defineLayer(`${name}: ${inner.name}`, sig, inner.impl);
}
