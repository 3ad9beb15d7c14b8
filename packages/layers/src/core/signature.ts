import type * as E from 'fp-ts/Either';
import type { ParamTree, Shape, ShapeError } from '@pix2pix-ts/shape-types';
import type { Field } from './receptive-field';

/**
 * A layer signature: what a layer does to shapes, at both levels, in one OPEN interface (a "type
 * lambda", the encoding fp-ts and Effect use for higher-kinded types). A layer or a user's combinator
 * declares its own signature by extending it:
 *
 * - at run time, `outputShape` (the output shape of an input shape, or the error) and `field` (the
 *   receptive field), so no closed switch over all layers exists anywhere;
 * - at compile time, the phantom members `'~out'`, `'~params'`, `'~state'`, written in terms of
 *   `this['~in']`; {@link OutputShape}, {@link ParamsOf} and {@link StateOf} fill `'~in'` with an input
 *   shape and read them back. `'~field'` is the receptive field as `[size, jump]`.
 *
 * The phantom members never exist on values.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import * as E from 'fp-ts/Either';
 * import { defineLayer, key, type Sig } from '@pix2pix-ts/layers';
 * // A user's own layer: doubles the channels by repeating them.
 * interface RepeatSig extends Sig {
 *   readonly op: 'repeat';
 *   readonly '~out'?: this['~in'] extends readonly [infer N, infer H, infer W, infer C extends number] ? readonly [N, H, W, number & C] : never;
 * }
 * const sig: RepeatSig = { op: 'repeat', field: { size: 1, jump: 1 }, outputShape: (s) => E.right([s[0] ?? 0, s[1] ?? 0, s[2] ?? 0, 2 * (s[3] ?? 0)]) };
 * const repeat = defineLayer('repeat', sig, { init: () => ({ params: {}, state: {} }), apply: (_p, state, x) => ({ y: tf.concat([x, x], 3), state }) });
 * repeat.init(key(0), [1, 4, 4, 3]).outputShape;
 * ```
 */
export interface Sig {
  /** A short tag for summaries and tree walks (`conv`, `serial`, …). */
  readonly op: string;
  /** Run time: the output shape for an input shape, or the error the compiler reports for literal shapes. */
  readonly outputShape: (input: Shape) => E.Either<ShapeError, Shape>;
  /** Run time: the receptive field (see {@link Field}). */
  readonly field: Field;
  /** Type level only: the input shape, filled in by {@link OutputShape} and friends. */
  readonly '~in'?: unknown;
  /** Type level only: the output shape for `this['~in']`, or a `ShapeFail` with the message. */
  readonly '~out'?: unknown;
  /** Type level only: the parameter tree for `this['~in']`. */
  readonly '~params'?: unknown;
  /** Type level only: the state tree for `this['~in']`. */
  readonly '~state'?: unknown;
  /** Type level only: the receptive field as `[size, jump]` (`number` where unknown statically). */
  readonly '~field'?: unknown;
}

/** A phantom member of `G` at input `S` (`G` with its input slot filled: every `this['~in']` reads `S`); `Wide` when `G` is the base `Sig` (an untyped layer). */
type Member<G, S, K extends '~out' | '~params' | '~state', Wide> = G extends Sig ? (Sig extends G ? Wide : Exclude<(G & { readonly '~in': S })[K], undefined>) : never;

/**
 * Type level: the output shape of a layer with signature `G` on input shape `S`, or a `ShapeFail` whose
 * message says what is wrong (`skip: height 64 ≠ 32`). Literal dims are computed; `number` dims stay
 * `number` and are checked at run time.
 *
 * @example
 * ```ts
 * import type { OutputShape, ConvSig } from '@pix2pix-ts/layers';
 * type O = OutputShape<ConvSig<4, 2, 1, 64>, readonly [1, 256, 256, 3]>; // readonly [1, 128, 128, 64]
 * ```
 */
export type OutputShape<G, S extends Shape> = Member<G, S, '~out', Shape>;

/**
 * Type level: the parameters of a layer with signature `G` initialised for input shape `S`: a conv's
 * `{ kernel: Tensor<[K, K, Cin, F]>; bias?: Tensor<[F]> }`, a serial's tuple, … (`ParamTree` when untyped).
 *
 * @example
 * ```ts
 * import type { ConvSig, ParamsOf } from '@pix2pix-ts/layers';
 * type P = ParamsOf<ConvSig<4, 2, 1, 64>, readonly [1, 256, 256, 3]>;
 * // { readonly kernel: Tensor<readonly [4, 4, 3, 64]>; readonly bias?: Tensor<readonly [64]> }
 * ```
 */
export type ParamsOf<G, S extends Shape> = Member<G, S, '~params', ParamTree>;

/**
 * Type level: the state (norm statistics) of a layer with signature `G` for input shape `S`.
 *
 * @example
 * ```ts
 * import type { BatchNormSig, StateOf } from '@pix2pix-ts/layers';
 * type St = StateOf<BatchNormSig, readonly [1, 8, 8, 16]>; // { mean: Tensor<[16]>; variance: Tensor<[16]> }
 * ```
 */
export type StateOf<G, S extends Shape> = Member<G, S, '~state', ParamTree>;

/** Type level: a signature's receptive field as `[size, jump]`. */
export type FieldOfSig<G> = G extends Sig
  ? Sig extends G
    ? readonly [number, number]
    : Exclude<G['~field'], undefined> extends infer F extends readonly [number, number]
      ? F
      : readonly [number, number]
  : readonly [number, number];

/** The parameters or state of a layer that has none. */
export type NoParams = { readonly [name: string]: never };
