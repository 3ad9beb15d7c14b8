import { useBackend } from '@pix2pix-ts/backends';
import { flattenTree, fromLeaves, leaves, type ParamTree } from '@pix2pix-ts/layers';
import * as tf from '@tensorflow/tfjs-core';

/** The GPU backends the page can test: `webgl` (the `env` case starts it) or `webgpu` (the `envWebgpu` case). */
export type GpuBackend = 'webgl' | 'webgpu';

/** The backends the page compares: tfjs's reference `cpu` and a GPU path. */
export type PageBackend = 'cpu' | GpuBackend;

let underTest: GpuBackend = 'webgl';

/** The GPU backend the cases compare with cpu: the one the last `env`/`envWebgpu` case started. */
export const gpu = (): GpuBackend => underTest;

/** Sets {@link gpu}. */
export function setGpu(name: GpuBackend): void {
  underTest = name;
}

/** Makes `name` the active backend (webgl was set up with its flags by the `env` case). */
export async function onBackend(name: PageBackend): Promise<void> {
  await useBackend(name);
  if (tf.getBackend() !== name) throw new Error(`backend ${name} did not activate (got ${tf.getBackend()})`);
}

/** Every tensor in a value made of tensors, arrays and plain objects (a tree, a step's result). */
function tensorsIn(x: unknown, into: tf.Tensor[] = []): tf.Tensor[] {
  if (x instanceof tf.Tensor) into.push(x);
  else if (Array.isArray(x)) for (const y of x) tensorsIn(y, into);
  else if (typeof x === 'object' && x !== null) for (const y of Object.values(x)) tensorsIn(y, into);
  return into;
}

/**
 * Downloads every tensor in `x` with the asynchronous `data()`, after which `dataSync()` returns the
 * cached values. Needed before any synchronous read on webgpu: tfjs's webgpu `readSync` goes through a
 * WebGPU canvas, which loses the device in headless Chromium on SwiftShader (webgl does not need it).
 */
export async function settle(x: unknown): Promise<void> {
  await Promise.all(tensorsIn(x).map((t) => t.data()));
}

/** max |a − b|, read asynchronously (see {@link settle}). */
export async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0] ?? Number.NaN;
  d.dispose();
  return v;
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
