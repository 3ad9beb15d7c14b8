import { batchNorm, identity, instanceNorm, type IdentitySig, type Layer } from '@pix2pix-ts/layers';

/** The official `--norm` choices: `batch` (pix2pix's default), `instance`, `none`. */
export type NormKind = 'batch' | 'instance' | 'none';

/** The norm layer for a kind; `none` is the identity so that block structure never changes. */
export function normLayer(kind: NormKind): Layer<IdentitySig> {
  switch (kind) {
    case 'batch':
      return batchNorm();
    case 'instance':
      return instanceNorm();
    case 'none':
      return identity();
  }
}

/**
 * Whether convs followed by this norm carry a bias: the official code's `use_bias = norm_layer ==
 * InstanceNorm2d`, so only with instance norm (batch norm's shift makes it redundant; with `none` the
 * official norm layer is a lambda, not InstanceNorm2d, so no bias either).
 */
export const convBiasFor = (kind: NormKind): boolean => kind === 'instance';
