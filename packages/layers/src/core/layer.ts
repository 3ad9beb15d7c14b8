import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { naturalDims, ShapeErrorException, shapeMismatch, type ParamTree, type Shape, type ShapeError, type Tensor } from '@pix2pix-ts/shape-types';
import type { Key } from '../random/key';
import type { Validate, ValidOutputShape } from './output-shape';
import type { FieldOfSig, ParamsOf, Sig, StateOf } from './signature';

/**
 * How a layer runs. No hidden state: everything that varies between calls is here or in the
 * arguments of `apply`.
 */
export interface ApplyContext {
  /** Training mode: dropout on, batch norm on batch statistics (and its running statistics updated). */
  readonly training: boolean;
  /** The key dropout draws its masks from; needed whenever dropout is active. */
  readonly key?: Key;
  /** Overrides whether dropout is active (default: `training`). The paper keeps it on at test time. */
  readonly dropout?: boolean;
  /** Overrides whether batch norm normalises with batch statistics (default: `training`). */
  readonly batchStats?: boolean;
}

/**
 * What `init` returns for a layer of signature `G` on input shape `S`: one typed value holding the
 * parameters and state made for that input (`ParamsOf<G, S>`, `StateOf<G, S>`), the input shape and the
 * output shape.
 */
export interface Initialized<G extends Sig, S extends Shape> {
  readonly params: ParamsOf<G, S>;
  readonly state: StateOf<G, S>;
  readonly inputShape: S;
  readonly outputShape: ValidOutputShape<G, S>;
}

/** What `apply` returns: the output and the next state (the same objects when nothing changed). */
export interface Applied<G extends Sig, S extends Shape> {
  readonly y: Tensor<ValidOutputShape<G, S>>;
  readonly state: StateOf<G, S>;
}

/**
 * The untyped implementation behind a layer: what a combinator calls on its children once the whole
 * network's shapes were checked at the top. `P` and `St` are the implementation's own view of its
 * parameters and state (methods, so a `LayerImpl<ConvParams>` is a `LayerImpl`; the shape algebra is
 * what guarantees a child gets the tree its own `init` made).
 */
export interface LayerImpl<P extends ParamTree = ParamTree, St extends ParamTree = ParamTree> {
  /** Makes parameters and state for an input of a shape already known to be valid. */
  init(key: Key, inputShape: Shape): { readonly params: P; readonly state: St };
  /** The forward pass. Must not mutate its arguments; may allocate freely (callers wrap it in `tidy`). */
  apply(params: P, state: St, x: tf.Tensor, ctx: ApplyContext): { readonly y: tf.Tensor; readonly state: St };
}

/**
 * What every layer is, without its typed methods: what combinators take. (Comparing two `Layer`s
 * would make the compiler relate their shape-checking methods, which are invariant in `G`; this base
 * is covariant, so a `Layer<ConvSig<4, 2, 1, 64>>` is an `AnyLayer`.)
 */
export interface LayerBase<G extends Sig = Sig> {
  /** A short description for errors and summaries, e.g. `conv2d(64, k4 s2 p1)`. */
  readonly name: string;
  /** What the layer does to shapes, as a value (with its run-time rules); its type is the same at compile time. */
  readonly sig: G;
  /** Internal: the untyped implementation. Use `init` / `apply`. */
  readonly impl: LayerImpl;
}

/**
 * A layer is a value: a signature (what it does to shapes), `init` and `apply`. Parameters are
 * plain immutable trees of tensors passed in and out; `apply` is a function of its arguments.
 *
 * The input shape's type is checked against the signature: a mis-wired network fails to compile with
 * a message such as `skip: height 64 ≠ 32` or `conv2d: channels 4 ≠ 3 expected`, and dims typed
 * `number` are checked at run time with the same words, before any compute. `apply` takes only the
 * parameters `init` makes for the input's channels (`ParamsOf<G, S>`), and a shaped tensor (a plain
 * `tf.Tensor` reads "use assertShape / shaped").
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { conv2d, key, leakyRelu, serial, shaped } from '@pix2pix-ts/layers';
 * const net = serial(conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }), leakyRelu(0.2));
 * const { params, state, outputShape } = net.init(key(0), [1, 32, 32, 3]); // readonly [1, 16, 16, 8]
 * const x = shaped(tf.randomNormal([1, 32, 32, 3]), [1, 32, 32, 3]);
 * const { y } = net.apply(params, state, x, { training: false }); // y: Tensor<readonly [1, 16, 16, 8]>
 * ```
 */
export interface Layer<G extends Sig = Sig> extends LayerBase<G> {
  /** Checks the input shape (statically and at run time), then makes params and state from `key`. */
  init<const S extends Shape>(key: Key, inputShape: S & Validate<G, S>): Initialized<G, S>;
  /** The forward pass inside one `tf.tidy`: only `y` and the new state survive. */
  apply<S extends Shape>(
    params: NoInfer<ParamsOf<G, S>>,
    state: NoInfer<StateOf<G, S>>,
    x: Tensor<S> & Validate<G, S>,
    ctx: ApplyContext,
  ): Applied<G, S>;
}

/** Any layer, typed or not: what combinators accept. */
export type AnyLayer = LayerBase<Sig>;

/** The signature of a layer type. */
export type SigOf<L> = L extends LayerBase<infer G> ? G : never;

/**
 * Type level: the receptive field of a layer (input pixels seen by one output pixel, per axis), a
 * literal for convolutional stacks.
 *
 * @example
 * ```ts
 * import { conv2d, serial, type ReceptiveField } from '@pix2pix-ts/layers';
 * const d = serial(conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }), conv2d({ filters: 1, kernel: 4, stride: 1, pad: 1 }));
 * type R = ReceptiveField<typeof d>; // 10
 * ```
 */
export type ReceptiveField<L> = L extends LayerBase<infer G> ? FieldOfSig<G>[0] : never;

/**
 * Value level twin of {@link ReceptiveField}.
 *
 * @example
 * ```ts
 * import { conv2d, receptiveField } from '@pix2pix-ts/layers';
 * receptiveField(conv2d({ filters: 8, kernel: 7, stride: 1, pad: 3 })); // 7
 * ```
 */
export function receptiveField(layer: AnyLayer): number {
  return layer.sig.field.size;
}

/**
 * The run-time output shape of `layer` on `inputShape`, or the shape error the compiler would report.
 *
 * @example
 * ```ts
 * import { conv2d, outputShapeOf } from '@pix2pix-ts/layers';
 * outputShapeOf(conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }), [1, 32, 32, 3]); // Right([1, 16, 16, 8])
 * ```
 */
export function outputShapeOf(layer: AnyLayer, inputShape: Shape): E.Either<ShapeError, Shape> {
  return E.flatMap(naturalDims('init', inputShape), (s) => layer.sig.outputShape(s));
}

const expectOutput = (sig: Sig, inputShape: Shape): Shape => {
  const out = E.flatMap(naturalDims('init', inputShape), (s) => sig.outputShape(s));
  if (E.isLeft(out)) throw new ShapeErrorException(out.left);
  return out.right;
};

/**
 * {@link expectOutput} remembering its last accepted input: a training loop applies a network to the same
 * shape every step, and walking a U-Net's whole signature costs ~1 ms, a few percent of a small step. A
 * new shape is checked in full; errors are never remembered.
 */
const lastShapeCheck = (sig: Sig): ((inputShape: Shape) => Shape) => {
  let last: { readonly input: Shape; readonly output: Shape } | undefined;
  return (inputShape) => {
    if (last !== undefined && last.input.length === inputShape.length && last.input.every((d, i) => d === inputShape[i])) return last.output;
    const output = expectOutput(sig, inputShape);
    last = { input: [...inputShape], output };
    return output;
  };
};

/**
 * Makes a typed layer from a signature and an implementation: the one place where the compile-time
 * contract (`OutputShape<G, S>`, `ParamsOf<G, S>`) meets the run-time one (`sig.outputShape`, checked on
 * every call, and the implementation's own trees).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { defineLayer, identity, key } from '@pix2pix-ts/layers';
 * const negate = defineLayer('negate', identity().sig, { init: () => ({ params: {}, state: {} }), apply: (_p, state, x) => ({ y: tf.neg(x), state }) });
 * negate.init(key(0), [1, 2, 2, 3]).outputShape; // readonly [1, 2, 2, 3]
 * ```
 */
export function defineLayer<G extends Sig, P extends ParamTree, St extends ParamTree>(name: string, sig: G, impl: LayerImpl<P, St>): Layer<G> {
  const expectApplied = lastShapeCheck(sig);
  return {
    name,
    sig,
    impl,
    init<const S extends Shape>(key: Key, inputShape: S & Validate<G, S>): Initialized<G, S> {
      const outputShape = expectOutput(sig, inputShape);
      const { params, state } = impl.init(key, inputShape);
      // The trust point: the shape algebra (checked above, and property-tested against real tensors)
      // says the implementation's trees and output shape are the ones the signature's types describe.
      return { params: params as ParamsOf<G, S>, state: state as StateOf<G, S>, inputShape, outputShape: outputShape as ValidOutputShape<G, S> };
    },
    apply<S extends Shape>(params: ParamsOf<G, S>, state: StateOf<G, S>, x: Tensor<S> & Validate<G, S>, ctx: ApplyContext): Applied<G, S> {
      const expected = expectApplied(x.shape);
      // The typed trees are the implementation's own (made by its init); see the trust point above.
      const p = params as P;
      const s = state as St;
      const box: { out?: { readonly y: tf.Tensor; readonly state: St } } = {};
      tf.tidy(() => {
        const o = impl.apply(p, s, x, ctx);
        // The implementation and the shape algebra must agree; a disagreement is a library bug.
        if (o.y.shape.length !== expected.length || o.y.shape.some((d, i) => d !== expected[i])) {
          throw new ShapeErrorException(shapeMismatch(`${name} (internal)`, expected, o.y.shape));
        }
        box.out = o;
        // tidy keeps every tensor reachable from the returned object; param trees are tensor containers
        // (tfjs types its arrays as mutable, param trees are readonly).
        return o as tf.TensorContainer;
      });
      if (box.out === undefined) throw new Error(`${name}: apply returned nothing`); // unreachable: tidy ran it
      // y has the shape checked just above; the state tree is the implementation's own (trust point above).
      return { y: box.out.y as Tensor<ValidOutputShape<G, S>>, state: box.out.state as StateOf<G, S> };
    },
  };
}

/**
 * The same layer with its static shape types erased: shapes are then checked at run time only, params
 * and state are `ParamTree`s. For code that builds layers dynamically (random architectures in tests,
 * layers read from a config).
 *
 * @example
 * ```ts
 * import { conv2d, key, untyped } from '@pix2pix-ts/layers';
 * const l = untyped(conv2d({ filters: 4, kernel: 3 }));
 * l.init(key(0), [1, 8, 8, 3]).outputShape; // Shape (checked at run time)
 * ```
 */
export function untyped(layer: AnyLayer): Layer<Sig> {
  const sig: Sig = layer.sig;
  return defineLayer(layer.name, sig, layer.impl);
}
