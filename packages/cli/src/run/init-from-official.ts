import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { disposeTree } from '@pix2pix-ts/layers';
import { describeOfficialNet, officialName, type NetVars, type OfficialNet, type TrainState } from '@pix2pix-ts/pix2pix';
import { importPthFile, officialCheckpointFile } from '@pix2pix-ts/pix2pix/node';
import { inputError, type CliError } from '../cli/cli-error';
import type { RunConfig } from '../config/run-config';
import { officialSpecsOf } from '../export/official-specs';

/** The train options that name a generator, as a user would write them to fit `spec`. */
function optionsFor(spec: OfficialNet): string {
  if (spec.net !== 'unet' && spec.net !== 'resnet') return `--netD ${officialName(spec)}`;
  return `--netG ${officialName(spec)} --ngf ${spec.ngf} --norm ${spec.norm}${spec.dropout ? '' : ' --no_dropout'}`;
}

const disposeVars = (v: NetVars): void => {
  disposeTree(v.params);
  disposeTree(v.state);
};

/** A discriminator file next to the generator: `<folder>/latest_net_D.pth`, when `path` is an official folder holding one. */
async function discriminatorFile(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  if (s === undefined || !s.isDirectory()) return undefined;
  const file = join(path, officialCheckpointFile('D'));
  return stat(file).then(
    (f) => (f.isFile() ? file : undefined),
    () => undefined,
  );
}

/**
 * `train --init_from PATH`: a fresh run's generator (and discriminator, when PATH is an official
 * `<checkpoints_dir>/<name>` folder with `latest_net_D.pth`) replaced by an official PyTorch checkpoint's, for
 * fine-tuning; Adam's moments and the step stay fresh. The run's network options must describe the file: when
 * they do not, the error names the first differing key and the options that would fit.
 */
export function initFromOfficial(path: string, config: RunConfig, fresh: TrainState, say: (line: string) => void): TE.TaskEither<CliError, TrainState> {
  const specs = officialSpecsOf(config.model);
  const load = (role: 'G' | 'D', file: string, expect: OfficialNet) =>
    pipe(
      importPthFile(file, { role, expect }),
      TE.mapLeft((e) => {
        const looks = /looks like (unet_\w+|resnet_\w+)/.exec(e.message);
        return inputError(`--init_from ${e.message}${looks === null || role === 'D' ? '' : ` (the run was configured as ${optionsFor(expect)}; give the options of the file's network)`}`);
      }),
    );
  return pipe(
    load('G', path, specs.G),
    TE.chain((g) =>
      pipe(
        TE.fromTask(() => discriminatorFile(path)),
        TE.chain((file) => (file === undefined ? TE.right(undefined) : load('D', file, specs.D))),
        TE.map((d) => ({ g, d })),
        TE.tapError(() => TE.fromIO(() => disposeVars(g.vars))),
      ),
    ),
    TE.map(({ g, d }) => {
      say(`initialised from ${g.file}: ${describeOfficialNet(g.spec)} (${g.format} format${g.keyPrefix === '' ? '' : `, DataParallel prefix '${g.keyPrefix}' stripped`})`);
      if (d !== undefined) say(`initialised from ${d.file}: ${describeOfficialNet(d.spec)}`);
      else say('the discriminator starts fresh (no latest_net_D.pth next to the generator)');
      disposeVars(fresh.g);
      if (d !== undefined) disposeVars(fresh.d);
      return { ...fresh, g: g.vars, d: d === undefined ? fresh.d : d.vars };
    }),
  );
}
