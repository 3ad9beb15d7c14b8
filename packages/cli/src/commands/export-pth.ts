import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { disposeState, officialName, type OfficialNet } from '@pix2pix-ts/pix2pix';
import { writeOfficialCheckpoint } from '@pix2pix-ts/pix2pix/node';
import { basename, dirname } from 'node:path';
import { inputError, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import { officialSpecsOf } from '../export/official-specs';
import { loadRunCheckpoint } from '../run/checkpoint-io';
import { loadGeneratorDir } from '../run/load-generator-dir';

/** The `--netG` names the official `define_G` knows; ours also has `unet_<N>` for any N and any ResNet block count. */
const OFFICIAL_NET_G: readonly string[] = ['unet_128', 'unet_256', 'resnet_6blocks', 'resnet_9blocks'];

/** Says when the official command line cannot name the generator (its modules still load the file, built by hand). */
function noteUnofficialName(spec: OfficialNet, env: CliEnv): void {
  const name = officialName(spec);
  if (OFFICIAL_NET_G.includes(name)) return;
  const how = spec.net === 'unet' ? `UnetGenerator(num_downs=${spec.downs})` : spec.net === 'resnet' ? `ResnetGenerator(n_blocks=${spec.blocks})` : name;
  env.stdout.write(`note: the official train.py / test.py take --netG ${OFFICIAL_NET_G.join(' | ')}; this ${name} loads in the official modules as ${how}, built by hand\n`);
}

/** What {@link exportOfficial} wrote. */
export interface OfficialExport {
  readonly files: readonly string[];
}

/**
 * Writes a checkpoint as the official implementation's checkpoint folder `<out>` = `<checkpoints_dir>/<name>`:
 * `latest_net_G.pth`, and `latest_net_D.pth` when the checkpoint is a training one (it holds D), so the official
 * `python train.py --continue_train --name <name> --checkpoints_dir <checkpoints_dir>` and `python test.py` load
 * them. `num_batches_tracked` is the checkpoint's step.
 */
export function exportOfficial(dir: string, out: string, env: CliEnv): TE.TaskEither<CliError, OfficialExport> {
  const write = (nets: Parameters<typeof writeOfficialCheckpoint>[2], step: number) =>
    pipe(
      writeOfficialCheckpoint(dirname(out), basename(out), nets, { numBatchesTracked: BigInt(step) }),
      TE.mapLeft((e) => inputError(e.message)),
      TE.tap(() => TE.fromIO(() => noteUnofficialName(nets.G.spec, env))),
    );
  const full = pipe(
    loadRunCheckpoint(dir),
    TE.chain(({ config, state }) => {
      const specs = officialSpecsOf(config.model);
      return pipe(
        write({ G: { spec: specs.G, vars: state.g }, D: { spec: specs.D, vars: state.d } }, state.step),
        TE.tap(() => TE.fromIO(() => disposeState(state))),
        TE.tapError(() => TE.fromIO(() => disposeState(state))),
      );
    }),
  );
  // Not a training checkpoint (an exported generator, an epoch snapshot, an official file): the generator alone.
  const generatorOnly = pipe(
    loadGeneratorDir(dir),
    TE.chain((loaded) =>
      pipe(
        write({ G: { spec: officialSpecsOf(loaded.config.model).G, vars: loaded.vars } }, loaded.step),
        TE.tap(() => TE.fromIO(loaded.dispose)),
        TE.tapError(() => TE.fromIO(loaded.dispose)),
      ),
    ),
  );
  return pipe(
    full,
    TE.orElse(() => generatorOnly),
    TE.map((files) => ({ files })),
    TE.tap(({ files }) => TE.fromIO(() => env.stdout.write(`wrote the official checkpoint ${out}: ${files.map((f) => basename(f)).join(', ')} (PyTorch: --checkpoints_dir ${dirname(out)} --name ${basename(out)})\n`))),
  );
}
