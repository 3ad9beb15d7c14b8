import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Add, ParamTree, Shape, ShapeError, ShapeFail } from '@pix2pix-ts/shape-types';
import { defineLayer, type Layer, type LayerBase } from '../core/layer';
import { rank4, sameDims, type DimCheck, type FirstFail, type NeedsNHWC, type Rank4 } from '../core/output-shape';
import { joinedField } from '../core/receptive-field';
import type { FieldOfSig, OutputShape, ParamsOf, Sig, StateOf } from '../core/signature';
import { split } from '../random/key';

/** Type level: `concat([A, B], channels)` of two branch outputs, checking height, width, then batch. */
type Concat<A, B> = A extends Rank4
  ? B extends Rank4
    ? FirstFail<
        [DimCheck<'skip', 'height', A[1], B[1]>, DimCheck<'skip', 'width', A[2], B[2]>, DimCheck<'skip', 'batch', A[0], B[0]>],
        readonly [A[0], A[1], A[2], Add<A[3], B[3]>]
      >
    : B
  : A;

/** Type level: a skip's output on `S`: the skipped branch (`S` itself, or `Pth`'s output) then `I`'s. */
type SkipOut<S, I, Pth, N extends string> = S extends Rank4
  ? Prefixed<N, Concat<Pth extends Sig ? OutputShape<Pth, S> : S, OutputShape<I, S>>>
  : NeedsNHWC<'skip', S>;

/** A failure's message with `N.` in front when the skip is named (`down3.skip: height 9 ≠ 8`). */
type Prefixed<N extends string, O> = N extends '' ? O : O extends ShapeFail<infer M> ? ShapeFail<`${N}.${M}`> : O;

/** Type level: a skip's params or state: the inner's alone, or `{ path, inner }` with a path. */
type SkipTrees<S, I, Pth, K extends 'params' | 'state'> = S extends Shape
  ? Pth extends Sig
    ? K extends 'params'
      ? { readonly path: ParamsOf<Pth, S>; readonly inner: ParamsOf<I, S> }
      : { readonly path: StateOf<Pth, S>; readonly inner: StateOf<I, S> }
    : K extends 'params'
      ? ParamsOf<I, S>
      : StateOf<I, S>
  : ShapeFail<'skip: no input shape'>;

/**
 * Signature of `x -> concat([x, inner(x)], channels)` (the U-Net skip), or with a path,
 * `x -> concat([path(x), inner(x)], channels)`.
 */
export interface SkipSig<I = Sig, Pth = undefined, N extends string = ''> extends Sig {
  readonly op: 'skip';
  readonly inner: I;
  readonly path?: Pth;
  /** The block's name, prefixed to errors from inside it (`''`: none). */
  readonly name: N;
  readonly '~out'?: SkipOut<this['~in'], I, Pth, N>;
  readonly '~params'?: SkipTrees<this['~in'], I, Pth, 'params'>;
  readonly '~state'?: SkipTrees<this['~in'], I, Pth, 'state'>;
  // With a path the wider of the two branches: left to run time.
  readonly '~field'?: readonly [Pth extends Sig ? number : FieldOfSig<I>[0], 1];
}

/** Options of {@link skip}. */
export interface SkipOptions<N extends string> {
  /** A block name: errors from inside read `down3.skip: height 9 ≠ 8` (and nest: `unet.down1.down2…`). */
  readonly name?: N | undefined;
}

/** Options of {@link skip} with a path for the skipped branch. */
export interface SkipPathOptions<Pth extends Sig, N extends string> extends SkipOptions<N> {
  /** The skipped branch: `concat([path(x), inner(x)])` instead of `concat([x, inner(x)])` (e.g. a 1x1 conv). */
  readonly path: LayerBase<Pth>;
}

type PathTrees = { readonly path: ParamTree; readonly inner: ParamTree };

/** Run time twin of the type-level prefix: `down3.skip: …`. */
const prefixed = (name: string, e: ShapeError): ShapeError => (name === '' ? e : { ...e, where: `${name}.${e.where}`, message: `${name}.${e.message}` });

/**
 * The U-Net skip connection: `x -> concat([x, inner(x)], channels)`, in the order of the official
 * implementation (`torch.cat([x, self.model(x)], 1)`). It compiles only if `inner` keeps H and W:
 * a mis-wired block reads `skip: height 64 ≠ 32` at the `init` or `apply` call; with `{ name }`, errors
 * from inside the block carry its name (`down3.skip: height 9 ≠ 8`). With `{ path }`, the skipped branch
 * goes through `path` first (`concat([path(x), inner(x)])`); params are then `{ path, inner }` (without a
 * path they are the inner's, as before).
 *
 * @example
 * ```ts
 * import { conv2d, convTranspose2d, key, serial, skip } from '@pix2pix-ts/layers';
 * const inner = serial(conv2d({ filters: 16, kernel: 4, stride: 2, pad: 1 }), convTranspose2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }));
 * skip(inner).init(key(0), [1, 64, 64, 8]).outputShape; // readonly [1, 64, 64, 16]
 * skip(inner, { path: conv2d({ filters: 4, kernel: 1 }) }).init(key(0), [1, 64, 64, 8]).outputShape; // readonly [1, 64, 64, 12]
 * ```
 */
export function skip<I extends Sig, const N extends string = ''>(inner: LayerBase<I>, options?: SkipOptions<N>): Layer<SkipSig<I, undefined, N>>;
export function skip<I extends Sig, Pth extends Sig, const N extends string = ''>(inner: LayerBase<I>, options: SkipPathOptions<Pth, N>): Layer<SkipSig<I, Pth, N>>;
export function skip<I extends Sig, Pth extends Sig, const N extends string = ''>(
  inner: LayerBase<I>,
  options: SkipOptions<N> | SkipPathOptions<Pth, N> = {},
): Layer<SkipSig<I, undefined, N>> | Layer<SkipSig<I, Pth, N>> {
  const field = joinedField(inner.sig.field);
  const name: N | '' = options.name ?? '';
  const label = name === '' ? '' : `${name}: `;
  const outputShape = (skipped: (s: Shape) => E.Either<ShapeError, Shape>) => (input: Shape) =>
    E.mapLeft((e: ShapeError) => prefixed(name, e))(
      pipe(
        rank4('skip', input),
        E.flatMap((s) => skipped(s)),
        E.flatMap((a) =>
          pipe(
            inner.sig.outputShape(input),
            // Same order of checks as the type level: height, width, then batch.
            E.flatMap((o) => sameDims('skip', a, o, [1, 2, 0])),
            E.map((o): Shape => [a[0] ?? 0, a[1] ?? 0, a[2] ?? 0, (a[3] ?? 0) + (o[3] ?? 0)]),
          ),
        ),
      ),
    );
  if (!('path' in options)) {
    // An absent name is '', which is what N defaults to.
    const sig: SkipSig<I, undefined, N> = { op: 'skip', inner: inner.sig, name: name as N, field, outputShape: outputShape(E.right) };
    return defineLayer(`${label}skip(${inner.name})`, sig, {
      init: (key, inputShape) => inner.impl.init(key, inputShape),
      apply(params, state, x, ctx) {
        const out = inner.impl.apply(params, state, x, ctx);
        return { y: tf.concat([x, out.y], 3), state: out.state };
      },
    });
  }
  const { path } = options;
  const sig: SkipSig<I, Pth, N> = {
    op: 'skip',
    inner: inner.sig,
    path: path.sig,
    name: name as N,
    field: joinedField({ size: Math.max(field.size, path.sig.field.size), jump: 1 }),
    outputShape: outputShape(path.sig.outputShape),
  };
  return defineLayer<SkipSig<I, Pth, N>, PathTrees, PathTrees>(`${label}skip(${inner.name}, path ${path.name})`, sig, {
    init(key, inputShape) {
      const [pathKey = key, innerKey = key] = split(key, 2);
      const p = path.impl.init(pathKey, inputShape);
      const i = inner.impl.init(innerKey, inputShape);
      return { params: { path: p.params, inner: i.params }, state: { path: p.state, inner: i.state } };
    },
    apply(params, state, x, ctx) {
      const p = path.impl.apply(params.path, state.path, x, ctx);
      const i = inner.impl.apply(params.inner, state.inner, x, ctx);
      return { y: tf.concat([p.y, i.y], 3), state: { path: p.state, inner: i.state } };
    },
  });
}
