import type { StorageDType } from './dtype';

/**
 * The values the restricted unpickler can build: Python's plain data, plus the few objects the allowed
 * globals make (storage and tensor references). There is no "arbitrary object": anything else is refused
 * while reading, before it could exist.
 */
export type PyValue = null | boolean | number | bigint | string | Uint8Array | PyTuple | PyList | PyDict | PyCallable | StorageRef | TensorRef;

/** A Python tuple. */
export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

/** A Python list (mutable while unpickling: APPEND). */
export class PyList {
  constructor(readonly items: PyValue[] = []) {}
}

/** Keys a dict may have here: the hashable plain values. */
export type PyKey = string | number | bigint | boolean | null;

/** A Python dict or `collections.OrderedDict` (insertion order kept, as both have it). */
export class PyDict {
  readonly entries = new Map<PyKey, PyValue>();
  /** What BUILD set on the object (`_metadata` on a state dict): kept, never interpreted. */
  attributes: PyValue = null;
}

/** An allowed global: a pure function of its arguments, written in this package. */
export class PyCallable {
  constructor(
    readonly qualifiedName: string,
    readonly call: (args: readonly PyValue[]) => PyValue,
  ) {}
}

/** A storage named by a persistent id: its key in the container, element type and size; bytes read later. */
export class StorageRef {
  constructor(
    readonly key: string,
    readonly dtype: StorageDType,
    /** Elements in the whole storage. */
    readonly numel: number,
    /** Legacy views: the element this view starts at in the root storage `key`. */
    readonly viewOffset = 0,
  ) {}
}

/** `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)`, not yet materialised. */
export class TensorRef {
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly shape: readonly number[],
    readonly stride: readonly number[],
  ) {}
}

/** `repr`-like text for error messages. */
export function describeValue(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return `bytes(${v.length})`;
  if (v instanceof PyTuple) return `tuple(${v.items.length})`;
  if (v instanceof PyList) return `list(${v.items.length})`;
  if (v instanceof PyDict) return `dict(${v.entries.size})`;
  if (v instanceof PyCallable) return v.qualifiedName;
  if (v instanceof StorageRef) return `storage ${v.key}`;
  return `tensor [${v.shape.join(', ')}]`;
}
