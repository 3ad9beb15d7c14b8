import { zipSync, type Zippable } from 'fflate';
import { encodeStorage, STORAGE_CLASS } from './dtype';
import { PickleWriter } from './pickle-writer';
import type { StateDict } from './state-dict';

/** Options of {@link writePth}. */
export interface WritePthOptions {
  /** The archive's top folder, which `torch.save` names after the file (default `archive`). */
  readonly archiveName?: string;
}

/** Zip entries start their data on 64-byte boundaries, as `torch.save` aligns them (for `mmap=True` loads). */
const ALIGN = 64;
/** The zip extra-field id PyTorch pads with ("FB"). */
const PAD_FIELD = 0x4246;
/** A fixed timestamp, so the same state dict always gives the same bytes. */
const MTIME = new Date(2000, 0, 1);

const rowMajorStrides = (shape: readonly number[]): number[] => {
  const out = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) out[d] = (out[d + 1] as number) * (shape[d + 1] as number);
  return out;
};

/** The pickle of `torch.save(state_dict)`: an OrderedDict of `_rebuild_tensor_v2` calls on persistent storages. */
function statePickle(sd: StateDict, dtypes: ReadonlyArray<'float32' | 'float16' | 'int64'>): Uint8Array {
  const w = new PickleWriter().proto().global('collections', 'OrderedDict').emptyTuple().reduce().mark();
  [...sd].forEach(([name, t], i) => {
    const dtype = dtypes[i] ?? 'float32';
    w.string(name).global('torch._utils', '_rebuild_tensor_v2').mark();
    w.mark().string('storage').global('torch', STORAGE_CLASS[dtype]).string(String(i)).string('cpu').int(t.values.length).tuple().persistentId();
    w.int(0).intTuple(t.shape).intTuple(rowMajorStrides(t.shape)).false();
    w.global('collections', 'OrderedDict').emptyTuple().reduce().tuple().reduce();
  });
  return w.setItems().stop().finish();
}

/** A zip local header with one extra field, before that field's data: 30 bytes + name + the field's 4-byte header. */
const localHeader = (name: string): number => 30 + new TextEncoder().encode(name).length + 4;

/**
 * A state dict as a `.pth` file in PyTorch's zip format (what `torch.save` writes since 1.6): stored (not
 * deflated) entries `<name>/data.pkl`, `<name>/data/<i>`, `<name>/byteorder`, `<name>/version`, data
 * 64-byte aligned. `torch.load(path, weights_only=True)` accepts it. Floating tensors are written as
 * float32 unless their `dtype` is float16 (so an imported half-precision file exports byte for byte);
 * bfloat16 / float64 ones as float32; int64 as int64. Pure: the same state dict gives the same bytes.
 *
 * @example
 * ```ts
 * import { writePth } from '@pix2pix-ts/pix2pix';
 * // const bytes = writePth(varsToStateDict(spec, vars)); // then write the bytes to latest_net_G.pth
 * ```
 */
export function writePth(sd: StateDict, options: WritePthOptions = {}): Uint8Array {
  const name = options.archiveName ?? 'archive';
  const dtypes = [...sd.values()].map((t) => (t.dtype === 'int64' ? 'int64' : t.dtype === 'float16' ? 'float16' : 'float32') as 'float32' | 'float16' | 'int64');
  const entries: Array<readonly [string, Uint8Array]> = [
    [`${name}/data.pkl`, statePickle(sd, dtypes)],
    [`${name}/byteorder`, new TextEncoder().encode('little')],
    ...[...sd.values()].map((t, i) => [`${name}/data/${i}`, encodeStorage(t.values, dtypes[i] ?? 'float32')] as const),
    [`${name}/version`, new TextEncoder().encode('3\n')],
  ];
  const files: Zippable = {};
  let offset = 0;
  for (const [path, data] of entries) {
    // An "FB" extra field of `padding` bytes makes the data start on an ALIGN boundary.
    const header = localHeader(path);
    const padding = (ALIGN - ((offset + header) % ALIGN)) % ALIGN;
    files[path] = [data, { level: 0, mtime: MTIME, extra: { [PAD_FIELD]: new Uint8Array(padding) } }];
    offset += header + padding + data.length;
  }
  return zipSync(files);
}
