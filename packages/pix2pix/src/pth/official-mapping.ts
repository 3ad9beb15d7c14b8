import * as tf from '@tensorflow/tfjs-core';
import { disposeTree, flattenTree, key, mapTree, tidyTree, type ParamTree } from '@pix2pix-ts/layers';
import type { NetVars } from '../train/train-state';
import type { StorageValues } from './dtype';
import { fromTfjsFilter, toTfjsFilter } from './layout-permute';
import { officialLayout, type LayoutEntry } from './official-layout';
import { buildOfficialNet, minimalInputSide, type OfficialNet } from './official-net';
import type { StateDict, StateDictTensor } from './state-dict';

/** Our trees' structure for a spec: an `init` of the same network at one channel (paths do not depend on widths). */
function skeleton(spec: OfficialNet): NetVars {
  const narrow: OfficialNet =
    spec.net === 'unet' || spec.net === 'resnet' ? { ...spec, ngf: 1, inputNc: 1, outputNc: 1 } : { ...spec, ndf: 1, inputNc: 1 };
  const side = minimalInputSide(narrow);
  const { params, state } = buildOfficialNet(narrow).init(key(0), [1, side, side, 1]);
  return { params, state };
}

function byPath(layout: readonly LayoutEntry[], tree: 'params' | 'state'): Map<string, LayoutEntry> {
  return new Map(layout.filter((e) => e.tree === tree).map((e) => [e.path, e]));
}

/** Maps every leaf of `like` through its layout entry, checking that the layout and our tree agree exactly. */
function mapLeaves(like: ParamTree, entries: Map<string, LayoutEntry>, what: string, f: (e: LayoutEntry) => tf.Tensor): ParamTree {
  const used = new Set<string>();
  const out = mapTree(like, (_t, path) => {
    const e = entries.get(path);
    if (e === undefined) throw new Error(`internal: our ${what} '${path}' has no official counterpart`);
    used.add(path);
    return f(e);
  });
  const unused = [...entries.keys()].find((p) => !used.has(p));
  if (unused !== undefined) throw new Error(`internal: official '${entries.get(unused)?.key ?? unused}' has no place in our ${what}`);
  return out;
}

const isFilter = (e: LayoutEntry): boolean => e.role === 'conv' || e.role === 'convTranspose';

/** One official tensor in our layout (filters permuted to tfjs's), as a tfjs tensor. */
function toOurs(e: LayoutEntry, t: StateDictTensor): tf.Tensor {
  if (!(t.values instanceof Float32Array)) throw new Error(`internal: '${e.key}' is not floating point`);
  if (!isFilter(e)) return tf.tensor(t.values, [...t.shape], 'float32');
  const { values, shape } = toTfjsFilter(t.values, t.shape);
  return tf.tensor(values, [...shape], 'float32');
}

/** What {@link stateDictToVars} returns: our variables and what they cannot hold. */
export interface ImportedVars {
  readonly vars: NetVars;
  /** `num_batches_tracked` per official key, where the file has one (our batch norm has a fixed momentum and does not count). */
  readonly numBatchesTracked: ReadonlyMap<string, bigint>;
}

/**
 * An official state dict (normalised, fitting `spec` exactly: see `firstDifference`) as our parameter and
 * norm-statistics trees for `buildOfficialNet(spec)`. The caller owns the tensors.
 */
export function stateDictToVars(spec: OfficialNet, sd: StateDict): ImportedVars {
  const layout = officialLayout(spec);
  const get = (e: LayoutEntry): StateDictTensor => {
    const t = sd.get(e.key);
    if (t === undefined) throw new Error(`internal: '${e.key}' missing (check firstDifference first)`);
    return t;
  };
  const like = tidyTree(() => skeleton(spec));
  try {
    const params = mapLeaves(like.params, byPath(layout, 'params'), 'parameters', (e) => toOurs(e, get(e)));
    const state = mapLeaves(like.state, byPath(layout, 'state'), 'norm statistics', (e) => toOurs(e, get(e)));
    const numBatchesTracked = new Map<string, bigint>();
    for (const e of layout) {
      const v = e.role === 'numBatchesTracked' ? sd.get(e.key)?.values[0] : undefined;
      if (typeof v === 'bigint') numBatchesTracked.set(e.key, v);
    }
    return { vars: { params, state }, numBatchesTracked };
  } finally {
    disposeTree(like.params);
    disposeTree(like.state);
  }
}

/** Options of {@link varsToStateDict}. */
export interface VarsToStateDictOptions {
  /** `num_batches_tracked` of each batch norm: one count for all, or per official key (default 0). */
  readonly numBatchesTracked?: bigint | ReadonlyMap<string, bigint>;
  /** Storage type of the floating tensors (default float32; float16 halves the file as `model.half()` would). */
  readonly dtype?: 'float32' | 'float16';
}

/**
 * Our variables for `buildOfficialNet(spec)` as the official network's `state_dict()`: every key in
 * PyTorch's order, filters back in PyTorch's layout, batch-norm running statistics and
 * `num_batches_tracked` included, so the official modules load it with `strict=True`. Throws, naming the
 * path, if a tree does not hold the network's parameters.
 */
export function varsToStateDict(spec: OfficialNet, vars: NetVars, options: VarsToStateDictOptions = {}): StateDict {
  const named = new Map<string, tf.Tensor>([
    ...flattenTree(vars.params).map(([p, t]) => [`params:${p}`, t] as const),
    ...flattenTree(vars.state).map(([p, t]) => [`state:${p}`, t] as const),
  ]);
  const dtype = options.dtype ?? 'float32';
  const out = new Map<string, StateDictTensor>();
  for (const e of officialLayout(spec)) {
    if (e.role === 'numBatchesTracked') {
      const n = options.numBatchesTracked;
      const count = typeof n === 'bigint' ? n : (n?.get(e.key) ?? 0n);
      out.set(e.key, { dtype: 'int64', shape: [], values: BigInt64Array.of(count) });
      continue;
    }
    const t = named.get(`${e.tree}:${e.path}`);
    if (t === undefined) throw new Error(`varsToStateDict: ${describeSpecPath(e)} is missing from the variables`);
    const expected = isFilter(e) ? [e.shape[2], e.shape[3], e.shape[1], e.shape[0]] : e.shape;
    if (t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
      throw new Error(`varsToStateDict: ${describeSpecPath(e)} has shape [${t.shape.join(', ')}], the network needs [${expected.join(', ')}]`);
    }
    const data = t.dataSync();
    const values: StorageValues = isFilter(e) ? fromTfjsFilter(data, t.shape).values : Float32Array.from(data);
    out.set(e.key, { dtype, shape: e.shape, values });
  }
  return out;
}

const describeSpecPath = (e: LayoutEntry): string => `${e.tree} '${e.path}' (official '${e.key}')`;
