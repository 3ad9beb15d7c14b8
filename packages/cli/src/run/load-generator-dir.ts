import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Layer, Sig } from '@pix2pix-ts/layers';
import { disposeState, type NetVars } from '@pix2pix-ts/pix2pix';
import { disposeTree } from '@pix2pix-ts/layers';
import { fileCheckpoint } from '@pix2pix-ts/pix2pix/node';
import { inputError, messageOf, type CliError } from '../cli/cli-error';
import { DEFAULT_PRESET } from '../config/presets';
import { runLoaderOptions, type RunConfig } from '../config/run-config';
import { GENERATOR_FORMAT, loadGenerator, type GeneratorManifest } from '../export/generator-export';
import { loadRunCheckpoint } from './checkpoint-io';
import { isOfficialCheckpoint, loadOfficialGenerator } from './official-generator';

/** A generator read from disk, from either kind of folder, with what is known of its run. */
export interface GeneratorOnDisk {
  /** The run's configuration (for an exported generator without one: the default preset with its model, size, direction, test time). */
  readonly config: RunConfig;
  readonly generator: Layer<Sig>;
  readonly vars: NetVars;
  readonly step: number;
  readonly epoch: number;
  /** Frees the tensors. */
  readonly dispose: () => void;
}

/** A run configuration for an exported generator that does not carry one. Pure. */
export function configOfManifest(m: GeneratorManifest): RunConfig {
  return (
    m.config ?? {
      format: 'pix2pix-ts/run-config',
      version: 2,
      preset: 'exported',
      data: { ...DEFAULT_PRESET.data, mode: 'aligned', dataroot: null, direction: m.direction, loadSize: m.size, cropSize: m.size, ...runLoaderOptions(DEFAULT_PRESET.data.batchSize, DEFAULT_PRESET.run.seed) },
      model: m.model,
      objective: DEFAULT_PRESET.objective,
      run: { ...DEFAULT_PRESET.run, name: 'exported', runsDir: 'runs' },
      test: m.testTime,
    }
  );
}

/**
 * Loads the generator of a folder written by this CLI: a training checkpoint (`checkpoints/init`, `latest`) or
 * a generator-only folder (`checkpoints/epoch-NNN`, `pix2pix export`); or of the official PyTorch
 * implementation: a `.pth` file or a `<checkpoints_dir>/<name>` folder with `latest_net_G.pth`. Everything read is decoded with io-ts and
 * checked against the network it describes.
 *
 * @example
 * ```ts
 * import { loadGeneratorDir } from '@pix2pix-ts/cli/node';
 * // const g = await loadGeneratorDir('runs/facades-…/checkpoints/epoch-005')();
 * ```
 */
export function loadGeneratorDir(dir: string): TE.TaskEither<CliError, GeneratorOnDisk> {
  return pipe(
    TE.fromTask(() => isOfficialCheckpoint(dir)),
    TE.chain((official) => (official ? loadOfficialGenerator(dir) : loadOwnGeneratorDir(dir))),
  );
}

function loadOwnGeneratorDir(dir: string): TE.TaskEither<CliError, GeneratorOnDisk> {
  const handler = fileCheckpoint(dir);
  return pipe(
    TE.tryCatch(
      async () => {
        if (handler.load === undefined) throw new Error('handler cannot load');
        return handler.load();
      },
      (e) => inputError(messageOf(e)),
    ),
    TE.chain((artifacts) => {
      // Only the format tag is read here, to pick the decoder; each decoder checks the whole manifest with io-ts.
      const topology = artifacts.modelTopology as { readonly format?: unknown } | undefined;
      if (topology?.format !== GENERATOR_FORMAT) {
        return pipe(
          loadRunCheckpoint(dir),
          TE.map(({ config, nets, state }) => ({ config, generator: nets.generator, vars: state.g, step: state.step, epoch: state.epoch, dispose: () => disposeState(state) })),
        );
      }
      return TE.fromEither(
        pipe(
          loadGenerator(artifacts),
          E.mapLeft((why) => inputError(`${dir}: ${why}`)),
          E.map(({ manifest, generator, vars }) => ({
            config: configOfManifest(manifest),
            generator,
            vars,
            step: manifest.step,
            epoch: manifest.epoch,
            dispose: () => {
              disposeTree(vars.params);
              disposeTree(vars.state);
            },
          })),
        ),
      );
    }),
  );
}
