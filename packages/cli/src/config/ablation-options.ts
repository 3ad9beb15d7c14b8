import * as E from 'fp-ts/Either';
import { MAX_PATCH_LAYERS, patchGanField, patchLayers, variantSettings, type DiscriminatorInput } from '@pix2pix-ts/pix2pix';
import { usageError, type CliError } from '../cli/cli-error';
import type { TRAIN_OPTIONS } from '../options/command-options';
import type { OptionsOf } from '../options/option-spec';
import type { NetDName } from './net-names';
import type { Preset } from './presets';
import { netDInputOf, type ObjectiveConfig } from './run-config';

type Options = OptionsOf<typeof TRAIN_OPTIONS>;

/** The objective fields the ablation options decide. */
export interface ObjectiveChoice {
  readonly ganMode: ObjectiveConfig['ganMode'];
  readonly lambdaL1: number;
  readonly netDInput: DiscriminatorInput;
}

/**
 * The objective of `train`'s options: `--objective l1|cgan|l1+gan|l1+cgan` is a shortcut for the official
 * `--gan_mode` / `--lambda_L1` plus `--netD_input`: `l1` = `--gan_mode none`, `cgan` = `--lambda_L1 0`,
 * `l1+gan` = `--netD_input unconditional`, `l1+cgan` = the paper's (the preset's GAN mode and λ). Given with
 * any of those, they must agree. Pure.
 *
 * @example
 * ```ts
 * import { objectiveChoice, DEFAULT_PRESET } from '@pix2pix-ts/cli';
 * objectiveChoice({ objective: 'cgan' }, DEFAULT_PRESET); // Right({ ganMode: 'vanilla', lambdaL1: 0, netDInput: 'conditional' })
 * objectiveChoice({ objective: 'cgan', lambda_L1: 10 }, DEFAULT_PRESET); // Left: '--objective cgan conflicts with --lambda_L1 10 …'
 * ```
 */
export function objectiveChoice(o: Partial<Options>, p: Preset): E.Either<CliError, ObjectiveChoice> {
  if (o.l1_only === true && o.gan_mode !== undefined && o.gan_mode !== 'none') return E.left(usageError(`--l1_only conflicts with --gan_mode ${o.gan_mode}`));
  const ganGiven = o.l1_only === true ? 'none' : o.gan_mode;
  const ganFlag = o.l1_only === true ? '--l1_only' : `--gan_mode ${String(ganGiven)}`;
  const chosen = ((): E.Either<CliError, ObjectiveChoice> => {
    if (o.objective === undefined) {
      return E.right({ ganMode: ganGiven ?? p.objective.ganMode, lambdaL1: o.lambda_L1 ?? p.objective.lambdaL1, netDInput: o.netD_input ?? netDInputOf(p.model) });
    }
    const v = o.objective;
    const s = variantSettings(v);
    const conflict = (what: string): E.Either<CliError, ObjectiveChoice> => E.left(usageError(`--objective ${v} conflicts with ${what} (${OBJECTIVE_MEANING[v]})`));
    if (!s.gan && ganGiven !== undefined && ganGiven !== 'none') return conflict(ganFlag);
    if (s.gan && ganGiven === 'none') return conflict(ganFlag);
    if (!s.l1 && o.lambda_L1 !== undefined && o.lambda_L1 !== 0) return conflict(`--lambda_L1 ${o.lambda_L1}`);
    if (o.netD_input !== undefined && o.netD_input !== s.discriminatorInput) return conflict(`--netD_input ${o.netD_input}`);
    const presetGan = p.objective.ganMode === 'none' ? 'vanilla' : p.objective.ganMode;
    return E.right({
      ganMode: s.gan ? (ganGiven ?? presetGan) : 'none',
      lambdaL1: s.l1 ? (o.lambda_L1 ?? p.objective.lambdaL1) : 0,
      netDInput: s.discriminatorInput,
    });
  })();
  return E.chain((c: ObjectiveChoice) =>
    c.ganMode === 'none' && c.lambdaL1 === 0 ? E.left(usageError('--gan_mode none with --lambda_L1 0 leaves nothing to train: give one of the two terms a weight')) : E.right(c),
  )(chosen);
}

/** What each `--objective` sets, in the official options (for `--help` and errors). */
export const OBJECTIVE_MEANING = {
  l1: '= --gan_mode none',
  cgan: '= --lambda_L1 0',
  'l1+gan': '= --netD_input unconditional',
  'l1+cgan': "= --netD_input conditional, the paper's",
} as const;

/** The discriminator fields the ablation options decide. */
export interface DiscriminatorChoice {
  readonly netD: NetDName;
  readonly nLayersD: number;
}

/**
 * The discriminator of `train`'s options: `--patch 1|16|34|70|142|286|image` is a shortcut for the official
 * `--netD` / `--n_layers_D` (1 = `pixel`, 70 = `basic`, the others `n_layers` with the layer count whose
 * receptive field, computed by the layers' algebra, is that size; `image` = the fewest layers whose field
 * covers `--crop_size`). It cannot be combined with them. Pure.
 *
 * @example
 * ```ts
 * import { discriminatorChoice, DEFAULT_PRESET } from '@pix2pix-ts/cli';
 * discriminatorChoice({ patch: '16' }, DEFAULT_PRESET, 64); // Right({ netD: 'n_layers', nLayersD: 1 })
 * discriminatorChoice({ patch: 'image' }, DEFAULT_PRESET, 64); // Right({ netD: 'basic', nLayersD: 3 }): 70 >= 64
 * ```
 */
export function discriminatorChoice(o: Partial<Options>, p: Preset, cropSize: number): E.Either<CliError, DiscriminatorChoice> {
  if (o.patch !== undefined) {
    if (o.netD !== undefined || o.n_layers_D !== undefined) return E.left(usageError(`--patch ${o.patch} conflicts with ${o.netD !== undefined ? `--netD ${o.netD}` : `--n_layers_D ${String(o.n_layers_D)}`} (it sets them)`));
    const n = patchLayers(o.patch, cropSize);
    if (n === undefined) {
      return E.left(usageError(`--patch ${o.patch}: no discriminator up to --n_layers_D ${MAX_PATCH_LAYERS} (${patchGanField(MAX_PATCH_LAYERS)}x${patchGanField(MAX_PATCH_LAYERS)}) covers --crop_size ${cropSize}`));
    }
    // A field that leaves no patch of the crop is refused by fitProblem before any compute, as for --n_layers_D.
    return E.right(n === 0 ? { netD: 'pixel', nLayersD: 1 } : n === 3 ? { netD: 'basic', nLayersD: 3 } : { netD: 'n_layers', nLayersD: n });
  }
  const netD = o.netD ?? p.model.netD;
  if (netD !== 'n_layers' && o.n_layers_D !== undefined) return E.left(usageError(`--n_layers_D: only used with --netD n_layers (got --netD ${netD})`));
  return E.right({ netD, nLayersD: netD === 'basic' ? 3 : netD === 'pixel' ? 1 : (o.n_layers_D ?? p.model.nLayersD) });
}
