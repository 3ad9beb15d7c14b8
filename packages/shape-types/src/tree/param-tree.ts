import * as tf from '@tensorflow/tfjs-core';

/**
 * A pytree of tensors: a tensor, an array of trees, or a record of trees. Parameters, norm statistics,
 * gradients and optimiser moments are all trees of the same structure, so they are mapped and zipped
 * with ordinary tree functions.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import type { ParamTree } from '@pix2pix-ts/shape-types';
 * const params: ParamTree = { conv: { kernel: tf.zeros([4, 4, 3, 8]) }, norms: [tf.ones([8])] };
 * ```
 */
export type ParamTree = tf.Tensor | readonly ParamTree[] | { readonly [name: string]: ParamTree };

const isTensor = (t: ParamTree): t is tf.Tensor => typeof (t as tf.Tensor).dataId === 'object' && 'shape' in t;

/**
 * Applies `f` to every tensor of a tree, keeping the structure.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { mapTree } from '@pix2pix-ts/shape-types';
 * const doubled = mapTree({ w: tf.ones([2]) }, (t) => tf.mul(t, 2));
 * ```
 */
export function mapTree(tree: ParamTree, f: (t: tf.Tensor, path: string) => tf.Tensor, path = ''): ParamTree {
  if (isTensor(tree)) return f(tree, path);
  if (Array.isArray(tree)) return (tree as readonly ParamTree[]).map((t, i) => mapTree(t, f, join(path, String(i))));
  const rec = tree as { readonly [name: string]: ParamTree };
  return Object.fromEntries(Object.keys(rec).map((k) => [k, mapTree(rec[k] as ParamTree, f, join(path, k))]));
}

/**
 * Combines trees of the same structure tensor by tensor (e.g. params and gradients into new params).
 * Throws, naming the path, when the structures differ.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { zipWithTree } from '@pix2pix-ts/shape-types';
 * const p = { w: tf.ones([2]) }, g = { w: tf.ones([2]) };
 * const next = zipWithTree(p, g, (w, dw) => tf.sub(w, tf.mul(dw, 0.1)));
 * ```
 */
export function zipWithTree(
  a: ParamTree,
  b: ParamTree,
  f: (x: tf.Tensor, y: tf.Tensor, path: string) => tf.Tensor,
  path = '',
): ParamTree {
  if (isTensor(a) || isTensor(b)) {
    if (!isTensor(a) || !isTensor(b)) throw new Error(`zipWithTree: structure differs at '${path || '<root>'}'`);
    return f(a, b, path);
  }
  if (Array.isArray(a) !== Array.isArray(b)) throw new Error(`zipWithTree: structure differs at '${path || '<root>'}'`);
  if (Array.isArray(a)) {
    const bs = b as readonly ParamTree[];
    if (a.length !== bs.length) throw new Error(`zipWithTree: ${a.length} ≠ ${bs.length} children at '${path || '<root>'}'`);
    return (a as readonly ParamTree[]).map((t, i) => zipWithTree(t, bs[i] as ParamTree, f, join(path, String(i))));
  }
  const ra = a as { readonly [name: string]: ParamTree };
  const rb = b as { readonly [name: string]: ParamTree };
  // Keep `a`'s key order: leaf order is the checkpoint and parity order.
  const ka = Object.keys(ra);
  const kb = Object.keys(rb);
  if (ka.length !== kb.length || ka.some((k) => !(k in rb))) {
    throw new Error(`zipWithTree: keys differ at '${path || '<root>'}': [${ka.join(', ')}] vs [${kb.join(', ')}]`);
  }
  return Object.fromEntries(ka.map((k) => [k, zipWithTree(ra[k] as ParamTree, rb[k] as ParamTree, f, join(path, k))]));
}

/**
 * The tensors of a tree with their paths (`"1.inner.kernel"`), depth first in insertion order: the
 * checkpoint-ready view of a tree.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { flattenTree } from '@pix2pix-ts/shape-types';
 * flattenTree({ conv: { kernel: tf.zeros([1]) } }); // [['conv.kernel', Tensor]]
 * ```
 */
export function flattenTree(tree: ParamTree): Array<readonly [string, tf.Tensor]> {
  const out: Array<readonly [string, tf.Tensor]> = [];
  mapTree(tree, (t, p) => {
    out.push([p, t]);
    return t;
  });
  return out;
}

/**
 * The tensors of a tree, depth first (the order of {@link flattenTree}).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { leaves } from '@pix2pix-ts/shape-types';
 * leaves({ a: tf.zeros([1]), b: [tf.ones([2])] }).length; // 2
 * ```
 */
export function leaves(tree: ParamTree): tf.Tensor[] {
  return flattenTree(tree).map(([, t]) => t);
}

/**
 * Rebuilds a tree with the structure of `like` from named tensors (the inverse of {@link flattenTree}).
 * Every path of `like` must be present with the same shape: a missing or mis-shaped tensor is an
 * error naming it, never a silent partial load.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { unflattenTree } from '@pix2pix-ts/shape-types';
 * const like = { w: tf.zeros([2]) };
 * const back = unflattenTree(like, new Map([['w', tf.ones([2])]]));
 * ```
 */
export function unflattenTree(like: ParamTree, named: ReadonlyMap<string, tf.Tensor>): ParamTree {
  return mapTree(like, (t, p) => {
    const found = named.get(p);
    if (found === undefined) throw new Error(`unflattenTree: missing tensor '${p}' (shape [${t.shape.join(', ')}])`);
    if (found.shape.length !== t.shape.length || found.shape.some((d, i) => d !== t.shape[i])) {
      throw new Error(`unflattenTree: tensor '${p}' has shape [${found.shape.join(', ')}], expected [${t.shape.join(', ')}]`);
    }
    return found;
  });
}

/**
 * Rebuilds a tree of the structure of `like` from tensors in {@link leaves} order.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { fromLeaves } from '@pix2pix-ts/shape-types';
 * const tree = fromLeaves({ w: tf.zeros([2]), b: tf.zeros([1]) }, [tf.ones([2]), tf.ones([1])]);
 * ```
 */
export function fromLeaves<T extends ParamTree>(like: T, tensors: readonly tf.Tensor[]): T {
  let i = 0;
  const out = mapTree(like, (t, p) => {
    const next = tensors[i++];
    if (next === undefined) throw new Error(`fromLeaves: ran out of tensors at '${p}'`);
    if (next.shape.some((d, j) => d !== t.shape[j])) {
      throw new Error(`fromLeaves: tensor '${p}' has shape [${next.shape.join(', ')}], expected [${t.shape.join(', ')}]`);
    }
    return next;
  });
  if (i !== tensors.length) throw new Error(`fromLeaves: ${tensors.length - i} tensors left over`);
  // Same structure as `like` and every leaf's shape checked above: the tree has `like`'s type (typed
  // params stay typed through an optimiser update).
  return out as T;
}

/**
 * The number of scalars in a tree (parameter count).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { countParams } from '@pix2pix-ts/shape-types';
 * countParams({ k: tf.zeros([4, 4, 3, 64]), b: tf.zeros([64]) }); // 3136
 * ```
 */
export function countParams(tree: ParamTree): number {
  return leaves(tree).reduce((n, t) => n + t.size, 0);
}

/**
 * Disposes every tensor of a tree (the caller owns trees returned by `init`, `apply` and optimisers).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { disposeTree } from '@pix2pix-ts/shape-types';
 * disposeTree({ kernel: tf.zeros([3, 3, 1, 8]), bias: tf.zeros([8]) });
 * ```
 */
export function disposeTree(tree: ParamTree): void {
  for (const t of leaves(tree)) t.dispose();
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * `tf.tidy` for functions returning trees (or records of trees): everything allocated inside is freed
 * except the tensors reachable from the result.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { tidyTree } from '@pix2pix-ts/shape-types';
 * const { a } = tidyTree(() => ({ a: tf.add(tf.ones([2]), 1) }));
 * ```
 */
export function tidyTree<T extends object>(f: () => T): T {
  // A ParamTree is a TensorContainer; tfjs's type only lacks the readonly variants.
  return tf.tidy(() => f() as unknown as tf.TensorContainer) as unknown as T;
}
