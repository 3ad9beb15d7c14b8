import type { StorageDType, StorageValues } from './dtype';
import { fail } from './pth-error';
import { describeValue, PyDict, TensorRef, type PyValue, type StorageRef } from './pickle-value';

/** One tensor of a state dict, contiguous, in PyTorch's layout (`[out, in, kh, kw]` for a conv). */
export interface StateDictTensor {
  /** The element type of its storage in the file (floating types are held as float32 in `values`). */
  readonly dtype: StorageDType;
  readonly shape: readonly number[];
  /**
   * Row-major values: float32 for every floating dtype, int64 for `LongStorage`. Never the caller's file
   * buffer, but possibly a view on a storage this reader decoded (tensors of one storage share it): read only.
   */
  readonly values: StorageValues;
}

/** A PyTorch `state_dict`: keys in file order (a `Map` keeps insertion order). */
export type StateDict = ReadonlyMap<string, StateDictTensor>;

const numelOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The elements a (size, stride, offset) view selects out of its storage, row-major: a subarray when the
 * view is contiguous (no copy), else a gathered copy.
 */
export function gatherView(storage: StorageValues, offset: number, shape: readonly number[], stride: readonly number[]): StorageValues {
  const n = numelOf(shape);
  let contiguous = true;
  for (let d = shape.length - 1, expect = 1; d >= 0; d--) {
    const size = shape[d] as number;
    if (size !== 1 && stride[d] !== expect) contiguous = false;
    expect *= size;
  }
  let last = offset;
  shape.forEach((size, d) => (last += size > 0 ? (size - 1) * (stride[d] as number) : 0));
  if (n > 0 && (offset >= storage.length || last >= storage.length)) {
    fail('malformed', `a tensor view [${shape.join(', ')}] at offset ${offset} reads past its storage of ${storage.length} elements`);
  }
  if (contiguous) return storage.subarray(offset, offset + n);
  const at = viewOffsets(offset, shape, stride);
  if (storage instanceof Float32Array) return Float32Array.from(at, (i) => storage[i] as number);
  return BigInt64Array.from(at, (i) => storage[i] as bigint);
}

/** The storage index of every element of a strided view, in row-major order. */
function viewOffsets(offset: number, shape: readonly number[], stride: readonly number[]): Int32Array | Float64Array {
  const n = numelOf(shape);
  const out = offset + n < 2 ** 31 ? new Int32Array(n) : new Float64Array(n);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let at = offset;
    for (let d = 0; d < shape.length; d++) at += (index[d] as number) * (stride[d] as number);
    out[i] = at;
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d] = (index[d] as number) + 1;
      if ((index[d] as number) < (shape[d] as number)) break;
      index[d] = 0;
    }
  }
  return out;
}

function entriesOf(root: PyValue): Array<readonly [string, TensorRef]> {
  if (!(root instanceof PyDict)) fail('malformed', `the file holds ${describeValue(root)}, not a state dict (a dict of tensors)`);
  return [...root.entries].map(([key, value]) => {
    if (typeof key !== 'string') fail('malformed', `state dict key ${String(key)} is not a string`);
    if (!(value instanceof TensorRef)) fail('malformed', `state dict entry '${key}' is ${describeValue(value)}, not a tensor: not a state dict`);
    return [key, value] as const;
  });
}

/** The storages an unpickled state dict references, in key order (the legacy reader needs their widths). */
export const storagesOf = (root: PyValue): StorageRef[] => entriesOf(root).map(([, t]) => t.storage);

/**
 * The state dict an unpickled root holds: a dict (or OrderedDict) of string keys to tensors, whose
 * storages `load` decodes (once per storage: tensors may share one).
 */
export function stateDictFromPickle(root: PyValue, load: (ref: StorageRef) => StorageValues): StateDict {
  const cache = new Map<string, StorageValues>();
  const out = new Map<string, StateDictTensor>();
  for (const [key, value] of entriesOf(root)) {
    const s = value.storage;
    const cacheKey = `${s.key}:${s.dtype}`;
    let storage = cache.get(cacheKey);
    if (storage === undefined) {
      storage = load(s);
      cache.set(cacheKey, storage);
    }
    out.set(key, { dtype: s.dtype, shape: value.shape, values: gatherView(storage, s.viewOffset + value.offset, value.shape, value.stride) });
  }
  return out;
}
