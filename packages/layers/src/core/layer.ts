import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import { ShapeErrorException, shapeMismatch, type Shape, type Tensor } from '@pix2pix-ts/shape-types';
import type { Key } from '../random/key';
import type { ParamTree } from '../tree/param-tree';
import { inferOutputShape, type Validate, type ValidOutputShape } from './output-shape';
import { fieldOf, type FieldOfSig } from './receptive-field';
import type { Sig } from './signature';

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

/** What `init` returns: fresh parameters, fresh state (norm statistics) and the output shape. */
export interface Initialized<O extends Shape> {
  readonly params: ParamTree;
  readonly state: ParamTree;
  readonly outputShape: O;
}

/** What `apply` returns: the output and the next state (the same objects when nothing changed). */
export interface Applied<O extends Shape> {
  readonly y: Tensor<O>;
  readonly state: ParamTree;
}

/**
 * The untyped implementation behind a layer. Combinators call children through it, after the whole
 * network's shapes were checked once at the top.
 */
export interface LayerImpl {
  /** Makes parameters and state for an input of a shape already known to be valid. */
  readonly init: (key: Key, inputShape: Shape) => { readonly params: ParamTree; readonly state: ParamTree };
  /** The forward pass. Must not mutate its arguments; may allocate freely (callers wrap it in `tidy`). */
  readonly apply: (params: ParamTree, state: ParamTree, x: tf.Tensor, ctx: ApplyContext) => { readonly y: tf.Tensor; readonly state: ParamTree };
}

/**
 * What every layer is, without its typed methods: what combinators take. (Comparing two `Layer`s
 * would make the compiler relate their shape-checking methods, which are invariant in `G`; this base
 * is covariant, so a `Layer<ConvSig<4, 2, 1, 64>>` is an `AnyLayer`.)
 */
export interface LayerBase<G extends Sig = Sig> {
  /** A short description for errors and summaries, e.g. `conv2d(64, k4 s2 p1)`. */
  readonly name: string;
  /** What the layer does to shapes, as a value; its type is the same at compile time. */
  readonly sig: G;
  readonly impl: LayerImpl;
}

/**
 * A layer is a value: a signature (what it does to shapes), `init` and `apply`. Parameters are
 * plain immutable trees of tensors passed in and out; `apply` is a function of its arguments.
 *
 * The input shape's type is checked against the signature: a mis-wired network fails to compile with
 * a message such as `skip: height 64 ≠ 32`, and dims typed `number` are checked at run time with the
 * same words, before any compute.
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
  init<const S extends Shape>(key: Key, inputShape: S & Validate<G, S>): Initialized<ValidOutputShape<G, S>>;
  /** The forward pass inside one `tf.tidy`: only `y` and the new state survive. */
  apply<S extends Shape>(params: ParamTree, state: ParamTree, x: Tensor<S> & Validate<G, S>, ctx: ApplyContext): Applied<ValidOutputShape<G, S>>;
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
  return fieldOf(layer.sig).size;
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
export function outputShapeOf(layer: AnyLayer, inputShape: Shape): E.Either<import('@pix2pix-ts/shape-types').ShapeError, Shape> {
  return inferOutputShape(layer.sig, inputShape);
}

/**
 * Makes a typed layer from a signature and an implementation: the one place where the compile-time
 * contract (`OutputShape<G, S>`) meets the run-time one (`inferOutputShape`).
 */
export function defineLayer<G extends Sig>(name: string, sig: G, impl: LayerImpl): Layer<G> {
  const expectOutput = (inputShape: Shape): Shape => {
    const out = inferOutputShape(sig, inputShape);
    if (E.isLeft(out)) throw new ShapeErrorException(out.left);
    return out.right;
  };
  return {
    name,
    sig,
    impl,
    init(key, inputShape) {
      const outputShape = expectOutput(inputShape);
      const { params, state } = impl.init(key, inputShape);
      return { params, state, outputShape } as Initialized<never>;
    },
    apply(params, state, x, ctx) {
      const expected = expectOutput(x.shape);
      return tf.tidy(() => {
        const out = impl.apply(params, state, x, ctx);
        // The implementation and the shape algebra must agree; a disagreement is a library bug.
        if (out.y.shape.length !== expected.length || out.y.shape.some((d, i) => d !== expected[i])) {
          throw new ShapeErrorException(shapeMismatch(`${name} (internal)`, expected, out.y.shape));
        }
        // tidy keeps every tensor reachable from the returned object; trees are TensorContainers.
        return out as unknown as tf.TensorContainer;
      }) as unknown as Applied<never>;
    },
  };
}

/**
 * The same layer with its static shape types erased: shapes are then checked at run time only. For
 * code that builds layers dynamically (random architectures in tests, layers read from a config).
 *
 * @example
 * ```ts
 * import { conv2d, key, untyped } from '@pix2pix-ts/layers';
 * const l = untyped(conv2d({ filters: 4, kernel: 3 }));
 * l.init(key(0), [1, 8, 8, 3]).outputShape; // Shape (checked at run time)
 * ```
 */
export function untyped(layer: AnyLayer): Layer<Sig> {
  return defineLayer(layer.name, layer.sig, layer.impl);
}
