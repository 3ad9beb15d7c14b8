import * as E from 'fp-ts/Either';
import { inferOutputShape, isConvLikeSig, isSerialSig, wrappedSigs, type AnyLayer, type Sig } from '@pix2pix-ts/layers';

/** What a network holds for one input shape, counted from its signature alone (nothing is allocated). */
export interface NetworkCost {
  /** Conv and transposed-conv weights (kernels; biases and norm parameters are left out: a lower bound). */
  readonly weights: number;
  /** Elements of every conv output for this input (batch included): what a forward pass keeps for backward. */
  readonly activations: number;
  /** The output shape, or why the input does not fit (the message the layers would throw). */
  readonly output: E.Either<string, readonly number[]>;
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function walk(sig: Sig, shape: readonly number[], acc: { weights: number; activations: number }): E.Either<string, readonly number[]> {
  if (isConvLikeSig(sig)) {
    const out = inferOutputShape(sig, shape);
    if (E.isLeft(out)) return E.left(out.left.message);
    acc.weights += sig.kernel * sig.kernel * (shape[3] ?? 0) * sig.filters;
    acc.activations += size(out.right);
    return E.right(out.right);
  }
  if (isSerialSig(sig)) {
    return sig.layers.reduce<E.Either<string, readonly number[]>>((s, l) => E.flatMap(s, (x) => walk(l, x, acc)), E.right(shape));
  }
  // Wrappers (skip, residual, named blocks): their children read the same input; then their own rule.
  for (const child of wrappedSigs(sig)) {
    const inner = walk(child, shape, acc);
    if (E.isLeft(inner)) return inner;
  }
  const out = inferOutputShape(sig, shape);
  return E.isLeft(out) ? E.left(out.left.message) : E.right(out.right);
}

/**
 * The weights and activations of a network on an input shape, walked over its signature: a pure count, so the
 * size of a run can be checked before anything is allocated (a huge `--ngf` would otherwise fail deep in tfjs
 * with "Invalid typed array length").
 *
 * @example
 * ```ts
 * import { conv2d } from '@pix2pix-ts/layers';
 * import { networkCost } from '@pix2pix-ts/cli';
 * networkCost(conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }), [1, 32, 32, 3]);
 * // { weights: 384, activations: 2048, output: Right([1, 16, 16, 8]) }
 * ```
 */
export function networkCost(layer: AnyLayer, inputShape: readonly number[]): NetworkCost {
  const acc = { weights: 0, activations: 0 };
  const output = walk(layer.sig, inputShape, acc);
  return { weights: acc.weights, activations: acc.activations, output };
}
