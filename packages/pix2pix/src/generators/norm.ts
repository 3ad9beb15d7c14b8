import {
  batchNorm,
  defineLayer,
  instanceNorm,
  normRules,
  type LayerBase,
  type NoParams,
  type NormSigBase,
  type PerChannel,
} from '@pix2pix-ts/layers';

/** The official `--norm` choices: `batch` (pix2pix's default), `instance`, `none`. */
export type NormKind = 'batch' | 'instance' | 'none';

/**
 * Signature of the norm of a kind chosen at run time (`--norm`), on `C` declared channels: batch norm,
 * instance norm or no norm, all checking `C` against the input (`batchNorm: channels 39 ≠ 64 expected`).
 * Params `{ gamma, beta }` (batch, affine instance) or `{}`; state `{ mean, variance }` (batch) or `{}`.
 */
export interface NormSig<C extends number = number> extends NormSigBase<'batchNorm' | 'instanceNorm' | 'noNorm', C> {
  readonly '~params'?: NormTrees<this['~in'], C, 'gamma' | 'beta'>;
  readonly '~state'?: NormTrees<this['~in'], C, 'mean' | 'variance'>;
}

/** Per-channel tensors that a norm kind may or may not have. */
type NormTrees<S, C extends number, K extends string> = { readonly [N in K]?: PerChannel<S, C> };

/** `norm: none`: the identity, which still checks the channels it is declared with. */
function noNorm<C extends number>(channels: C | undefined): LayerBase<NormSig<C>> {
  const sig: NormSig<C> = { op: 'noNorm', ...normRules('noNorm', channels) };
  return defineLayer<NormSig<C>, NoParams, NoParams>('identity', sig, {
    init: () => ({ params: {}, state: {} }),
    apply: (_params, state, x) => ({ y: x, state }),
  });
}

/**
 * The norm layer for a kind, on `channels` (as the official `norm_layer(num_features)`); `none` is a
 * channel-checking identity so that block structure (and the param tree) never changes.
 *
 * @example
 * ```ts
 * import { key } from '@pix2pix-ts/layers';
 * import { normLayer } from '@pix2pix-ts/pix2pix';
 * normLayer('batch', 64).sig.op; // 'batchNorm'
 * ```
 */
export function normLayer<const C extends number = number>(kind: NormKind, channels?: C): LayerBase<NormSig<C>> {
  switch (kind) {
    case 'batch':
      return batchNorm({ channels });
    case 'instance':
      return instanceNorm({ channels });
    case 'none':
      return noNorm(channels);
  }
}

/**
 * Whether convs followed by this norm carry a bias: the official code's `use_bias = norm_layer ==
 * InstanceNorm2d`, so only with instance norm (batch norm's shift makes it redundant; with `none` the
 * official norm layer is a lambda, not InstanceNorm2d, so no bias either).
 */
export const convBiasFor = (kind: NormKind): boolean => kind === 'instance';
