import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { usageError, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import type { CONVERT_OPTIONS } from '../options/command-options';
import type { OptionsOf } from '../options/option-spec';
import { isOfficialCheckpoint } from '../run/official-generator';
import { exportCommand } from './export';

/** The decoded options of `pix2pix convert`. */
export type ConvertOptions = OptionsOf<typeof CONVERT_OPTIONS>;

/**
 * `pix2pix convert --input PATH --output DIR [--to tfjs|pth]`: an official `.pth` (or `<checkpoints_dir>/<name>`
 * folder) becomes a tfjs generator folder, and a checkpoint or export of this project becomes the official
 * folder (`latest_net_G.pth`, and `latest_net_D.pth` from a training checkpoint); `--to` overrides the direction.
 * It is `pix2pix export` with the format picked from the input.
 */
export function convertCommand(o: ConvertOptions, env: CliEnv): TE.TaskEither<CliError, string> {
  const { input, output } = o;
  if (input === undefined || output === undefined) return TE.left(usageError('convert: --input PATH and --output DIR are required'));
  return pipe(
    TE.fromTask(() => isOfficialCheckpoint(input)),
    TE.chain((official) =>
      exportCommand(
        {
          checkpoint: input,
          output,
          format: o.to ?? (official ? 'tfjs' : 'pth'),
          ...(o.backend === undefined ? {} : { backend: o.backend }),
          ...(o.wasm_kernels === undefined ? {} : { wasm_kernels: o.wasm_kernels }),
        },
        env,
      ),
    ),
  );
}
