/** A generator architecture named by the official `--netG` option, parsed. */
export type OfficialNetG = { readonly kind: 'unet'; readonly depth: number } | { readonly kind: 'resnet'; readonly blocks: number };

/**
 * Parses an official `--netG` name: `unet_<N>` (N a power of two ≥ 32: log2 N downsamplings, so `unet_256`
 * has 8) or `resnet_<k>blocks`; `undefined` for anything else.
 *
 * @example
 * ```ts
 * import { parseOfficialNetG } from '@pix2pix-ts/browser';
 * parseOfficialNetG('unet_256'); // { kind: 'unet', depth: 8 }
 * parseOfficialNetG('resnet_9blocks'); // { kind: 'resnet', blocks: 9 }
 * ```
 */
export function parseOfficialNetG(name: string): OfficialNetG | undefined {
  const unet = /^unet_(\d{1,5})$/.exec(name);
  if (unet?.[1] !== undefined) {
    const depth = Math.log2(Number(unet[1]));
    return Number.isInteger(depth) && depth >= 5 ? { kind: 'unet', depth } : undefined;
  }
  const resnet = /^resnet_(\d{1,2})blocks$/.exec(name);
  if (resnet?.[1] !== undefined && Number(resnet[1]) >= 1) return { kind: 'resnet', blocks: Number(resnet[1]) };
  return undefined;
}
