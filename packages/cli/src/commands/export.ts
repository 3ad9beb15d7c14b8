import { join } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { fileCheckpoint } from '@pix2pix-ts/pix2pix/node';
import { inputError, messageOf, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import { startBackend } from '../cli/start-backend';
import { generatorArtifacts, generatorManifestOf } from '../export/generator-export';
import type { EXPORT_OPTIONS } from '../options/command-options';
import type { OptionsOf } from '../options/option-spec';
import { loadGeneratorDir } from '../run/load-generator-dir';
import { checkpointSourceOf } from './checkpoint-dir';
import { exportOfficial } from './export-pth';

/** The decoded options of `pix2pix export`. */
export type ExportOptions = OptionsOf<typeof EXPORT_OPTIONS>;

/**
 * `pix2pix export`: writes a checkpoint's generator alone as a TensorFlow.js weights folder (`model.json` with
 * a `GeneratorManifest` + `weights.bin`), what the browser demo loads. Default folder: `<run>/export`
 * (next to the checkpoints folder). `--format pth`: the official PyTorch checkpoint folder instead
 * (`exportOfficial`; default `<run>/export-pth`).
 */
export function exportCommand(o: ExportOptions, env: CliEnv): TE.TaskEither<CliError, string> {
  if (o.format === 'pth') {
    return pipe(
      checkpointSourceOf(o, env),
      TE.chainFirst(() => startBackend(o.backend ?? 'wasm', o.wasm_kernels)),
      TE.chain((dir) => {
        const out = o.output ?? join(dir, '..', '..', 'export-pth');
        return pipe(exportOfficial(dir, out, env), TE.map(() => out));
      }),
    );
  }
  return pipe(
    checkpointSourceOf(o, env),
    TE.bindTo('dir'),
    TE.bind('backend', () => startBackend(o.backend ?? 'wasm', o.wasm_kernels)),
    TE.bind('loaded', ({ dir }) => loadGeneratorDir(dir)),
    TE.chain(({ dir, loaded }) => {
      const out = o.output ?? join(dir, '..', '..', 'export');
      const manifest = generatorManifestOf(loaded.config, loaded.step, loaded.epoch);
      return pipe(
        TE.tryCatch(
          async () => {
            const handler = fileCheckpoint(out);
            if (handler.save === undefined) throw new Error('cannot save');
            await handler.save(await generatorArtifacts(loaded.vars, manifest));
            loaded.dispose();
            return out;
          },
          (e) => inputError(`${out}: ${messageOf(e)}`),
        ),
        TE.tap((dirOut) => TE.fromIO(() => env.stdout.write(`exported ${manifest.model.netG} (ngf ${manifest.model.ngf}, ${manifest.size}x${manifest.size}, step ${manifest.step}) to ${dirOut}/model.json + weights.bin\n`))),
      );
    }),
  );
}
