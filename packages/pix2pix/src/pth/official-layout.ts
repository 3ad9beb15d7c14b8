import type { NormKind } from '../generators/norm';
import type { OfficialNet } from './official-net';

/** What a state dict entry is, which fixes how it maps to ours (and its layout conversion). */
export type LayoutRole = 'conv' | 'convTranspose' | 'bias' | 'gamma' | 'beta' | 'runningMean' | 'runningVar' | 'numBatchesTracked';

/** One entry of an official network's `state_dict`, in file order, with where it lives in our trees. */
export interface LayoutEntry {
  /** The official key (without a DataParallel `module.` prefix). */
  readonly key: string;
  /** PyTorch's shape: `[out, in, kh, kw]` for a conv, `[in, out, kh, kw]` for a transposed conv. */
  readonly shape: readonly number[];
  readonly role: LayoutRole;
  /** Our tree holding it: parameters, norm statistics, or none (`num_batches_tracked`). */
  readonly tree: 'params' | 'state' | 'none';
  /** Its path in that tree (`flattenTree`'s `"1.3.2.gamma"`); empty for `none`. */
  readonly path: string;
}

/** The official `use_bias`: convs before a norm carry a bias only with instance norm (`norm_layer == InstanceNorm2d`). */
const useBias = (norm: NormKind): boolean => norm === 'instance';

/** Collects entries module by module, in the registration order PyTorch's `state_dict()` walks. */
class LayoutBuilder {
  readonly entries: LayoutEntry[] = [];

  conv(module: string, path: string, out: number, input: number, k: number, bias: boolean): void {
    this.entries.push({ key: `${module}.weight`, shape: [out, input, k, k], role: 'conv', tree: 'params', path: `${path}.kernel` });
    if (bias) this.entries.push({ key: `${module}.bias`, shape: [out], role: 'bias', tree: 'params', path: `${path}.bias` });
  }

  convTranspose(module: string, path: string, input: number, out: number, k: number, bias: boolean): void {
    this.entries.push({ key: `${module}.weight`, shape: [input, out, k, k], role: 'convTranspose', tree: 'params', path: `${path}.kernel` });
    if (bias) this.entries.push({ key: `${module}.bias`, shape: [out], role: 'bias', tree: 'params', path: `${path}.bias` });
  }

  /** Batch norm: affine weight/bias, running stats, `num_batches_tracked`; instance norm (affine=False) and none: nothing. */
  norm(module: string, path: string, channels: number, kind: NormKind): void {
    if (kind !== 'batch') return;
    const c = [channels];
    this.entries.push(
      { key: `${module}.weight`, shape: c, role: 'gamma', tree: 'params', path: `${path}.gamma` },
      { key: `${module}.bias`, shape: c, role: 'beta', tree: 'params', path: `${path}.beta` },
      { key: `${module}.running_mean`, shape: c, role: 'runningMean', tree: 'state', path: `${path}.mean` },
      { key: `${module}.running_var`, shape: c, role: 'runningVar', tree: 'state', path: `${path}.variance` },
      { key: `${module}.num_batches_tracked`, shape: [], role: 'numBatchesTracked', tree: 'none', path: '' },
    );
  }
}

const at = (prefix: string, index: number | string): string => (prefix === '' ? String(index) : `${prefix}.${index}`);

/** `UnetGenerator`: nested `UnetSkipConnectionBlock`s, each an `nn.Sequential` named `model`. */
function unetLayout(b: LayoutBuilder, s: Extract<OfficialNet, { net: 'unet' }>): void {
  const { ngf, norm } = s;
  const bias = useBias(norm);
  // Levels from the outside in: (outer, inner) channels of each block below the outermost.
  const levels: Array<readonly [number, number]> = [
    [ngf, ngf * 2],
    [ngf * 2, ngf * 4],
    [ngf * 4, ngf * 8],
  ];
  for (let i = 0; i < s.downs - 5; i++) levels.push([ngf * 8, ngf * 8]);
  const block = (module: string, path: string, level: number): void => {
    const [outer, inner] = levels[level] ?? [ngf * 8, ngf * 8];
    if (level === levels.length) {
      // innermost: [LeakyReLU, down conv, ReLU, up conv, up norm]
      b.conv(`${module}.1`, at(path, 1), inner, outer, 4, bias);
      b.convTranspose(`${module}.3`, at(path, 3), inner, outer, 4, bias);
      b.norm(`${module}.4`, at(path, 4), outer, norm);
      return;
    }
    // middle: [LeakyReLU, down conv, down norm, submodule, ReLU, up conv, up norm, (Dropout)]
    b.conv(`${module}.1`, at(path, 1), inner, outer, 4, bias);
    b.norm(`${module}.2`, at(path, 2), inner, norm);
    block(`${module}.3.model`, at(path, 3), level + 1);
    b.convTranspose(`${module}.5`, at(path, 5), inner * 2, outer, 4, bias);
    b.norm(`${module}.6`, at(path, 6), outer, norm);
  };
  // outermost: [down conv, submodule, ReLU, up conv (with bias), Tanh]
  b.conv('model.model.0', '0', ngf, s.inputNc, 4, bias);
  block('model.model.1.model', '1', 0);
  b.convTranspose('model.model.3', '3', ngf * 2, s.outputNc, 4, true);
}

/** `ResnetGenerator`: one `nn.Sequential` named `model`; blocks hold a `conv_block` Sequential. */
function resnetLayout(b: LayoutBuilder, s: Extract<OfficialNet, { net: 'resnet' }>): void {
  const { ngf, norm } = s;
  const bias = useBias(norm);
  b.conv('model.1', '1', ngf, s.inputNc, 7, bias);
  b.norm('model.2', '2', ngf, norm);
  for (let i = 0; i < 2; i++) {
    const mult = 2 ** i;
    b.conv(`model.${4 + 3 * i}`, String(4 + 3 * i), ngf * mult * 2, ngf * mult, 3, bias);
    b.norm(`model.${5 + 3 * i}`, String(5 + 3 * i), ngf * mult * 2, norm);
  }
  const dim = ngf * 4;
  // Official block: [pad, conv, norm, ReLU, (Dropout), pad, conv, norm]: without dropout the second conv is
  // at 5; ours always keeps a slot (identity) there, so ours is at 6.
  const second = s.dropout ? 6 : 5;
  for (let i = 0; i < s.blocks; i++) {
    const module = `model.${10 + i}.conv_block`;
    const path = String(10 + i);
    b.conv(`${module}.1`, `${path}.1`, dim, dim, 3, bias);
    b.norm(`${module}.2`, `${path}.2`, dim, norm);
    b.conv(`${module}.${second}`, `${path}.6`, dim, dim, 3, bias);
    b.norm(`${module}.${second + 1}`, `${path}.7`, dim, norm);
  }
  const up = 10 + s.blocks;
  for (let i = 0; i < 2; i++) {
    const mult = 2 ** (2 - i);
    b.convTranspose(`model.${up + 3 * i}`, String(up + 3 * i), ngf * mult, (ngf * mult) / 2, 3, bias);
    b.norm(`model.${up + 3 * i + 1}`, String(up + 3 * i + 1), (ngf * mult) / 2, norm);
  }
  b.conv(`model.${up + 7}`, String(up + 7), s.outputNc, ngf, 7, true);
}

/** `NLayerDiscriminator`: one `nn.Sequential` named `model`. */
function nLayersLayout(b: LayoutBuilder, s: Extract<OfficialNet, { net: 'n_layers' }>): void {
  const { ndf, norm } = s;
  const bias = useBias(norm);
  b.conv('model.0', '0', ndf, s.inputNc, 4, true);
  let index = 2;
  let mult = 1;
  for (let n = 1; n <= s.nLayers; n++) {
    const prev = mult;
    mult = Math.min(2 ** n, 8);
    b.conv(`model.${index}`, String(index), ndf * mult, ndf * prev, 4, bias);
    b.norm(`model.${index + 1}`, String(index + 1), ndf * mult, norm);
    index += 3;
  }
  b.conv(`model.${index}`, String(index), 1, ndf * mult, 4, true);
}

/** `PixelDiscriminator`: one `nn.Sequential` named `net`. */
function pixelLayout(b: LayoutBuilder, s: Extract<OfficialNet, { net: 'pixel' }>): void {
  const bias = useBias(s.norm);
  b.conv('net.0', '0', s.ndf, s.inputNc, 1, true);
  b.conv('net.2', '2', s.ndf * 2, s.ndf, 1, bias);
  b.norm('net.3', '3', s.ndf * 2, s.norm);
  b.conv('net.5', '5', 1, s.ndf * 2, 1, bias);
}

/**
 * The `state_dict()` of an official network, key by key in PyTorch's order, with the shape of each tensor
 * and where it goes in our parameter and state trees: the one place that knows both namings.
 *
 * @example
 * ```ts
 * import { officialLayout } from '@pix2pix-ts/pix2pix';
 * officialLayout({ net: 'pixel', ndf: 64, inputNc: 6, norm: 'batch' })[0];
 * // { key: 'net.0.weight', shape: [64, 6, 1, 1], role: 'conv', tree: 'params', path: '0.kernel' }
 * ```
 */
export function officialLayout(spec: OfficialNet): readonly LayoutEntry[] {
  const b = new LayoutBuilder();
  switch (spec.net) {
    case 'unet':
      unetLayout(b, spec);
      break;
    case 'resnet':
      resnetLayout(b, spec);
      break;
    case 'n_layers':
      nLayersLayout(b, spec);
      break;
    case 'pixel':
      pixelLayout(b, spec);
      break;
  }
  return b.entries;
}
