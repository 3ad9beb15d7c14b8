import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { disposeTree } from '@pix2pix-ts/layers';
import { buildOfficialNet, isGenerator, officialName, type OfficialNet } from '@pix2pix-ts/pix2pix';
import { importPthFile, officialCheckpointFile } from '@pix2pix-ts/pix2pix/node';
import { inputError, type CliError } from '../cli/cli-error';
import { PAPER_PRESET } from '../config/presets';
import { runLoaderOptions, type ModelConfig, type RunConfig } from '../config/run-config';
import type { GeneratorOnDisk } from './load-generator-dir';

/**
 * Whether a checkpoint path is the official implementation's: a `.pth` file, or a folder holding
 * `latest_net_G.pth` (`<checkpoints_dir>/<name>`, as the official `train.py` writes it).
 */
export async function isOfficialCheckpoint(path: string): Promise<boolean> {
  const s = await stat(path).catch(() => undefined);
  if (s === undefined) return false;
  if (s.isFile()) return path.endsWith('.pth');
  return stat(join(path, officialCheckpointFile('G'))).then(
    (f) => f.isFile(),
    () => false,
  );
}

/** The side an official generator is meant for: 2^downs for a U-Net (`unet_256`: 256), 256 for a ResNet. */
const sizeOf = (spec: OfficialNet): number => (spec.net === 'unet' ? 2 ** spec.downs : 256);

/** The model options of a run that would build this generator (the discriminator: the paper's). Pure. */
export function modelConfigOf(spec: OfficialNet): ModelConfig {
  if (!isGenerator(spec)) throw new Error(`${officialName(spec)} is a discriminator, not a generator`);
  return { ...PAPER_PRESET.model, netG: officialName(spec), ngf: spec.ngf, norm: spec.norm, dropout: spec.dropout, inputNc: spec.inputNc, outputNc: spec.outputNc };
}

/**
 * A run configuration for an official generator: the paper's preset with the file's network, images at the
 * size the network is meant for (resized, no crop jitter at test), the paper's test-time behaviour. Pure.
 */
export function configOfOfficial(spec: OfficialNet): RunConfig {
  const size = sizeOf(spec);
  return {
    format: 'pix2pix-ts/run-config',
    version: 2,
    preset: 'official',
    data: { ...PAPER_PRESET.data, mode: 'aligned', dataroot: null, loadSize: size, cropSize: size, ...runLoaderOptions(PAPER_PRESET.data.batchSize, PAPER_PRESET.run.seed) },
    model: modelConfigOf(spec),
    objective: PAPER_PRESET.objective,
    run: { ...PAPER_PRESET.run, name: 'official', runsDir: 'runs' },
    test: PAPER_PRESET.test,
  };
}

/**
 * The generator of an official checkpoint (a `.pth` file or `<checkpoints_dir>/<name>` folder, zip or legacy
 * format), as `test`, `eval` and `export` use any checkpoint. The network is inferred from the file.
 */
export function loadOfficialGenerator(path: string): TE.TaskEither<CliError, GeneratorOnDisk> {
  return pipe(
    importPthFile(path, { role: 'G' }),
    TE.mapLeft((e) => inputError(e.message)),
    TE.chain((imported) => {
      if (!isGenerator(imported.spec)) {
        disposeTree(imported.vars.params);
        disposeTree(imported.vars.state);
        return TE.left(inputError(`${imported.file} holds a discriminator (${officialName(imported.spec)}), not a generator`));
      }
      return TE.right({
        config: configOfOfficial(imported.spec),
        generator: buildOfficialNet(imported.spec),
        vars: imported.vars,
        step: 0,
        epoch: 0,
        dispose: () => {
          disposeTree(imported.vars.params);
          disposeTree(imported.vars.state);
        },
      });
    }),
  );
}
