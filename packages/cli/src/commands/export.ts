import { join } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { disposeState } from '@pix2pix-ts/pix2pix';
import { fileCheckpoint } from '@pix2pix-ts/pix2pix/node';
import { inputError, messageOf, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import { startBackend } from '../cli/start-backend';
import { generatorArtifacts, GENERATOR_FORMAT, type GeneratorManifest } from '../export/generator-export';
import type { EXPORT_OPTIONS } from '../options/command-options';
import type { OptionsOf } from '../options/option-spec';
import { loadRunCheckpoint } from '../run/checkpoint-io';
import { checkpointDirOf } from './checkpoint-dir';

/** The decoded options of `pix2pix export`. */
export type ExportOptions = OptionsOf<typeof EXPORT_OPTIONS>;

/**
 * `pix2pix export`: writes a checkpoint's generator alone as a TensorFlow.js weights folder (`model.json` with
 * a {@link GeneratorManifest} + `weights.bin`), what the browser demo loads. Default folder: `<run>/export`
 * (next to the checkpoints folder).
 */
export function exportCommand(o: ExportOptions, env: CliEnv): TE.TaskEither<CliError, string> {
  return pipe(
    TE.fromEither(checkpointDirOf(o)),
    TE.bindTo('dir'),
    TE.bind('backend', () => startBackend(o.backend ?? 'wasm')),
    TE.bind('loaded', ({ dir }) => loadRunCheckpoint(dir)),
    TE.chain(({ dir, loaded }) => {
      const out = o.output ?? join(dir, '..', '..', 'export');
      const manifest: GeneratorManifest = {
        format: GENERATOR_FORMAT,
        version: 1,
        model: loaded.config.model,
        size: loaded.config.data.cropSize,
        direction: loaded.config.data.direction,
        testTime: loaded.config.test,
        step: loaded.state.step,
        epoch: loaded.state.epoch,
        tensors: 'params.<path> | state.<path>',
      };
      return pipe(
        TE.tryCatch(
          async () => {
            const handler = fileCheckpoint(out);
            if (handler.save === undefined) throw new Error('cannot save');
            await handler.save(await generatorArtifacts(loaded.state.g, manifest));
            disposeState(loaded.state);
            return out;
          },
          (e) => inputError(`${out}: ${messageOf(e)}`),
        ),
        TE.tap((dirOut) => TE.fromIO(() => env.stdout.write(`exported ${loaded.config.model.netG} (ngf ${loaded.config.model.ngf}, ${manifest.size}x${manifest.size}, step ${manifest.step}) to ${dirOut}/model.json + weights.bin\n`))),
      );
    }),
  );
}
