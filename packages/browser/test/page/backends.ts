import { useBackend } from '@pix2pix-ts/backends';
import { flattenTree, fromLeaves, leaves, type ParamTree } from '@pix2pix-ts/layers';
import * as tf from '@tensorflow/tfjs-core';

/** The backends the page compares: tfjs's reference `cpu` and the GPU path `webgl`. */
export type PageBackend = 'cpu' | 'webgl';

/** Makes `name` the active backend (webgl was set up with its flags by the `env` case). */
export async function onBackend(name: PageBackend): Promise<void> {
  await useBackend(name);
  if (tf.getBackend() !== name) throw new Error(`backend ${name} did not activate (got ${tf.getBackend()})`);
}

/** A tree's values with their paths, copied out of the backend. */
export type TreeValues = ReadonlyArray<readonly [string, Float32Array]>;

/** Reads every tensor of a tree (paths from `flattenTree`). */
export function treeValues(tree: ParamTree, prefix = ''): Array<readonly [string, Float32Array]> {
  return flattenTree(tree).map(([p, t]) => [`${prefix}${p}`, Float32Array.from(t.dataSync())] as const);
}

/** Rebuilds a tree of `like`'s structure on the current backend from values read elsewhere. */
export function treeFrom(like: ParamTree, values: TreeValues): ParamTree {
  return fromLeaves(like, leaves(like).map((t, i) => tf.tensor(values[i]?.[1] ?? new Float32Array(0), t.shape)));
}
