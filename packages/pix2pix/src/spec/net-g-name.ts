import * as t from 'io-ts';

/** A generator architecture by its `--netG` name, parsed. */
export type NetGSpec =
  | { readonly kind: 'unet'; readonly depth: number; readonly name: string }
  | { readonly kind: 'encoder_decoder'; readonly depth: number; readonly name: string }
  | { readonly kind: 'resnet'; readonly blocks: number; readonly name: string };

/** What `--help` and errors say a `--netG` may be. */
export const NET_G_NAMES_HELP = 'unet_256|unet_128|resnet_9blocks|resnet_6blocks|unet_<N>|encoder_decoder_<N> (N a power of 2 >= 32)';

/**
 * Parses a `--netG` name: the official `unet_256` (8 downs), `unet_128` (7), any `unet_<N>` with N a power of
 * two >= 32 (log2 N downs: the size at which the bottleneck is 1x1, e.g. `unet_64` has 6), and
 * `resnet_<k>blocks` (`resnet_9blocks`, `resnet_6blocks`, ...); and `encoder_decoder_<N>`, the same U-Net
 * without skips (the paper's Fig. 4 ablation; not an official name: the official code has no such network).
 *
 * @example
 * ```ts
 * import { parseNetG } from '@pix2pix-ts/pix2pix';
 * parseNetG('unet_64'); // { kind: 'unet', depth: 6, name: 'unet_64' }
 * parseNetG('encoder_decoder_256'); // { kind: 'encoder_decoder', depth: 8, name: 'encoder_decoder_256' }
 * parseNetG('resnet_9blocks'); // { kind: 'resnet', blocks: 9, name: 'resnet_9blocks' }
 * parseNetG('unet_100'); // undefined
 * ```
 */
export function parseNetG(name: string): NetGSpec | undefined {
  const unet = /^(unet|encoder_decoder)_(\d{1,5})$/.exec(name);
  if (unet !== null) {
    const kind = unet[1] === 'unet' ? 'unet' : 'encoder_decoder';
    const depth = Math.log2(Number(unet[2]));
    return Number.isInteger(depth) && depth >= 5 ? { kind, depth, name } : undefined;
  }
  const resnet = /^resnet_(\d{1,2})blocks$/.exec(name);
  if (resnet !== null) {
    const blocks = Number(resnet[1]);
    return blocks >= 1 ? { kind: 'resnet', blocks, name } : undefined;
  }
  return undefined;
}

/**
 * `--netG` as an io-ts codec: a name {@link parseNetG} accepts, decoded from a string and kept as the string.
 *
 * @example
 * ```ts
 * import { NetGName } from '@pix2pix-ts/pix2pix';
 * NetGName.is('encoder_decoder_64'); // true
 * ```
 */
export const NetGName = new t.Type<string, string, unknown>(
  NET_G_NAMES_HELP,
  (u): u is string => typeof u === 'string' && parseNetG(u) !== undefined,
  (u, c) => (typeof u === 'string' && parseNetG(u) !== undefined ? t.success(u) : t.failure(u, c)),
  t.identity,
);
