import type { NormKind } from '../generators/norm';
import { officialLayout } from './official-layout';
import { describeOfficialNet, type OfficialNet } from './official-net';
import type { StateDict, StateDictTensor } from './state-dict';

/** A state dict cleaned the way the official loader cleans it, and what was cleaned. */
export interface NormalisedStateDict {
  readonly stateDict: StateDict;
  /** `module.` when the keys carried DataParallel's prefix (stripped), else empty. */
  readonly keyPrefix: string;
  /** Keys removed: the InstanceNorm `running_mean` / `running_var` PyTorch < 0.4 wrote. */
  readonly dropped: readonly string[];
}

const DATA_PARALLEL = 'module.';
const STATS = ['running_mean', 'running_var', 'num_batches_tracked'];

/**
 * Strips DataParallel's `module.` prefix and drops norm statistics of modules that have no affine weight:
 * in the official networks only InstanceNorm (affine=False) is such a norm, and its statistics are the
 * pre-0.4 leftovers the official `__patch_instance_norm_state_dict` deletes.
 */
export function normaliseStateDict(sd: StateDict): NormalisedStateDict {
  const keys = [...sd.keys()];
  const prefixed = keys.length > 0 && keys.every((k) => k.startsWith(DATA_PARALLEL));
  const strip = (k: string): string => (prefixed ? k.slice(DATA_PARALLEL.length) : k);
  const names = new Set(keys.map(strip));
  const out = new Map<string, StateDictTensor>();
  const dropped: string[] = [];
  for (const [key, tensor] of sd) {
    const name = strip(key);
    const dot = name.lastIndexOf('.');
    const module = name.slice(0, dot);
    if (STATS.includes(name.slice(dot + 1)) && !names.has(`${module}.weight`)) dropped.push(name);
    else out.set(name, tensor);
  }
  return { stateDict: out, keyPrefix: prefixed ? DATA_PARALLEL : '', dropped };
}

const shapeText = (s: readonly number[]): string => `[${s.join(', ')}]`;

/**
 * The first way `sd` differs from the official network `spec`'s `state_dict()` (a missing key, a shape or
 * dtype that differs, a key the network has not), or undefined when it fits as PyTorch's `strict=True` load
 * would accept it (which tolerates a missing `num_batches_tracked`: files of PyTorch < 0.4.1 have none).
 */
export function firstDifference(spec: OfficialNet, sd: StateDict): string | undefined {
  const layout = officialLayout(spec);
  for (const e of layout) {
    const t = sd.get(e.key);
    // PyTorch < 0.4.1 wrote no num_batches_tracked; its BatchNorm fills it in on load, and so do we.
    if (t === undefined && e.role === 'numBatchesTracked') continue;
    if (t === undefined) return `key '${e.key}' (shape ${shapeText(e.shape)}) is missing from the file`;
    if (t.shape.length !== e.shape.length || t.shape.some((d, i) => d !== e.shape[i])) {
      return `key '${e.key}' has shape ${shapeText(t.shape)} in the file, the network expects ${shapeText(e.shape)}`;
    }
    const integer = t.dtype === 'int64';
    if (integer !== (e.role === 'numBatchesTracked')) return `key '${e.key}' holds ${t.dtype} values, the network expects ${integer ? 'floating point' : 'int64'}`;
  }
  const known = new Set(layout.map((e) => e.key));
  const extra = [...sd.keys()].find((k) => !known.has(k));
  return extra === undefined ? undefined : `the file has key '${extra}', which the network does not have`;
}

const dim = (sd: StateDict, key: string, axis: number): number | undefined => sd.get(key)?.shape[axis];
const has = (sd: StateDict, key: string): boolean => sd.has(key);

function normOf(sd: StateDict, normWeight: string, convBias: string): NormKind {
  if (has(sd, normWeight)) return 'batch';
  return has(sd, convBias) ? 'instance' : 'none';
}

/** The candidate network the keys and shapes point to (unverified: see {@link inferOfficialNet}). */
function guess(sd: StateDict): OfficialNet | undefined {
  if (has(sd, 'model.model.0.weight')) {
    const ngf = dim(sd, 'model.model.0.weight', 0);
    const inputNc = dim(sd, 'model.model.0.weight', 1);
    const outputNc = dim(sd, 'model.model.3.weight', 1);
    if (ngf === undefined || inputNc === undefined || outputNc === undefined) return undefined;
    let downs = 1;
    for (let m = 'model.model.1.model'; has(sd, `${m}.1.weight`); m = `${m}.3.model`) downs++;
    return { net: 'unet', downs, ngf, inputNc, outputNc, norm: normOf(sd, 'model.model.1.model.2.weight', 'model.model.1.model.1.bias'), dropout: true };
  }
  if (has(sd, 'net.0.weight')) {
    const ndf = dim(sd, 'net.0.weight', 0);
    const inputNc = dim(sd, 'net.0.weight', 1);
    if (ndf === undefined || inputNc === undefined) return undefined;
    return { net: 'pixel', ndf, inputNc, norm: normOf(sd, 'net.3.weight', 'net.2.bias') };
  }
  if (dim(sd, 'model.1.weight', 2) === 7) {
    const ngf = dim(sd, 'model.1.weight', 0);
    const inputNc = dim(sd, 'model.1.weight', 1);
    let blocks = 0;
    while (has(sd, `model.${10 + blocks}.conv_block.1.weight`)) blocks++;
    const outputNc = dim(sd, `model.${17 + blocks}.weight`, 0);
    if (ngf === undefined || inputNc === undefined || outputNc === undefined) return undefined;
    // With dropout the block's second conv sits at index 6; without, 6 is its norm (1-D) or absent.
    const dropout = sd.get('model.10.conv_block.6.weight')?.shape.length === 4;
    return { net: 'resnet', blocks, ngf, inputNc, outputNc, norm: normOf(sd, 'model.2.weight', 'model.1.bias'), dropout };
  }
  if (dim(sd, 'model.0.weight', 2) === 4) {
    const ndf = dim(sd, 'model.0.weight', 0);
    const inputNc = dim(sd, 'model.0.weight', 1);
    if (ndf === undefined || inputNc === undefined) return undefined;
    let convs = 0;
    for (const [k, t] of sd) if (/^model\.\d+\.weight$/.test(k) && t.shape.length === 4) convs++;
    if (convs < 3) return undefined;
    return { net: 'n_layers', nLayers: convs - 2, ndf, inputNc, norm: normOf(sd, 'model.3.weight', 'model.2.bias') };
  }
  return undefined;
}

/**
 * The official network a (normalised) state dict is, inferred from its keys and shapes: `netG` / `netD`,
 * `ngf` / `ndf`, `norm`, channels, depth or block count. Only returned when the file fits it exactly; a
 * U-Net's dropout leaves no trace in a state dict and is reported as the official default (on).
 *
 * @example
 * ```ts
 * // const spec = inferOfficialNet(normaliseStateDict(contents.stateDict).stateDict);
 * // spec && describeOfficialNet(spec); // 'unet_256 (ngf 64, batch norm, 3 -> 3 channels)'
 * ```
 */
export function inferOfficialNet(sd: StateDict): OfficialNet | undefined {
  const spec = guess(sd);
  return spec !== undefined && firstDifference(spec, sd) === undefined ? spec : undefined;
}

/** "the file looks like unet_256 (…)" or "it matches no official pix2pix network", for error messages. */
export function looksLike(sd: StateDict): string {
  const spec = inferOfficialNet(sd);
  return spec === undefined ? 'the file matches no official pix2pix network' : `the file looks like ${describeOfficialNet(spec)}`;
}
