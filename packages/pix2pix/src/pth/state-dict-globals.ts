import { STORAGE_DTYPES } from './dtype';
import { fail } from './pth-error';
import { describeValue, PyCallable, PyDict, PyTuple, StorageRef, TensorRef, type PyValue } from './pickle-value';

/** Python's `int` from a pickle value, checked to be a safe non-negative integer. */
export function asIndex(v: PyValue | undefined, what: string): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) fail('malformed', `${what}: expected a non-negative integer, got ${v === undefined ? 'nothing' : describeValue(v)}`);
  return n;
}

function asIndices(v: PyValue | undefined, what: string): number[] {
  if (!(v instanceof PyTuple)) fail('malformed', `${what}: expected a tuple, got ${v === undefined ? 'nothing' : describeValue(v)}`);
  return v.items.map((x, i) => asIndex(x, `${what}[${i}]`));
}

function rebuildTensor(args: readonly PyValue[]): TensorRef {
  const [storage, offset, size, stride] = args;
  if (!(storage instanceof StorageRef)) fail('malformed', `_rebuild_tensor: expected a storage, got ${storage === undefined ? 'nothing' : describeValue(storage)}`);
  const shape = asIndices(size, '_rebuild_tensor size');
  const strides = asIndices(stride, '_rebuild_tensor stride');
  if (shape.length !== strides.length) fail('malformed', `_rebuild_tensor: size [${shape.join(', ')}] and stride [${strides.join(', ')}] differ in rank`);
  return new TensorRef(storage, asIndex(offset, '_rebuild_tensor storage offset'), shape, strides);
}

const storageClass = (name: string) =>
  new PyCallable(`torch.${name}`, () => fail('refused', `torch.${name} is only allowed as a storage type in a persistent id, not called`));

/**
 * The only globals a pix2pix state dict needs, each a pure function written here: the unpickler refuses
 * every other name (`posix.system`, `builtins.eval`, ...) at the GLOBAL opcode, before anything is built.
 */
const ALLOWED: ReadonlyMap<string, PyCallable> = new Map<string, PyCallable>([
  [
    'collections.OrderedDict',
    new PyCallable('collections.OrderedDict', (args) => {
      if (args.length !== 0) fail('refused', 'collections.OrderedDict is only allowed with no arguments (items come by SETITEMS)');
      return new PyDict();
    }),
  ],
  ['torch._utils._rebuild_tensor_v2', new PyCallable('torch._utils._rebuild_tensor_v2', rebuildTensor)],
  ['torch._utils._rebuild_tensor', new PyCallable('torch._utils._rebuild_tensor', rebuildTensor)],
  [
    // state_dict(keep_vars=True) pickles Parameters: the wrapped tensor is all a state dict needs.
    'torch._utils._rebuild_parameter',
    new PyCallable('torch._utils._rebuild_parameter', (args) => {
      const data = args[0];
      if (!(data instanceof TensorRef)) fail('malformed', '_rebuild_parameter: expected a tensor');
      return data;
    }),
  ],
  ...Object.keys(STORAGE_DTYPES).map((name) => [`torch.${name}`, storageClass(name)] as const),
]);

/** The allowed global `module.name`, or a `refused` failure naming it. */
export function resolveGlobal(module: string, name: string): PyCallable {
  const qualified = `${module}.${name}`;
  const found = ALLOWED.get(qualified);
  if (found === undefined) {
    fail('refused', `refused to load: the pickle references the global '${qualified}', which a state dict never needs (allowed: collections.OrderedDict, torch._utils._rebuild_tensor*, torch.<Float|Half|BFloat16|Double|Long>Storage); nothing was run`);
  }
  return found;
}

/**
 * A persistent id `('storage', StorageClass, key, location, numel[, view_metadata])` -> a storage
 * reference (zip: 5 fields; legacy: 6, the last a view `(view_key, offset, size)` or None).
 */
export function storageFromPersistentId(pid: PyValue): StorageRef {
  if (!(pid instanceof PyTuple) || pid.items[0] !== 'storage') fail('malformed', `unexpected persistent id ${describeValue(pid)} (expected ('storage', ...))`);
  const [, cls, key, , numel, view] = pid.items;
  if (!(cls instanceof PyCallable) || !cls.qualifiedName.startsWith('torch.')) fail('malformed', `persistent id: expected a storage class, got ${cls === undefined ? 'nothing' : describeValue(cls)}`);
  const dtype = STORAGE_DTYPES[cls.qualifiedName.slice('torch.'.length)];
  if (dtype === undefined) fail('refused', `persistent id: storage type ${cls.qualifiedName} is not allowed`);
  if (typeof key !== 'string') fail('malformed', 'persistent id: the storage key is not a string');
  const size = asIndex(numel, `storage ${key} size`);
  if (view instanceof PyTuple) {
    // Legacy views share a root storage; the tensor's offset is relative to the view.
    const [, viewOffset, viewSize] = view.items;
    const start = asIndex(viewOffset, `storage ${key} view offset`);
    if (start + asIndex(viewSize, `storage ${key} view size`) > size) fail('malformed', `storage ${key}: a view ends past its root storage`);
    return new StorageRef(key, dtype, size, start);
  }
  return new StorageRef(key, dtype, size);
}
