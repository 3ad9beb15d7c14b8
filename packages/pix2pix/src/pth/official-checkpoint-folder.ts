import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NetVars } from '../train/train-state';
import { exportPth, importPth, type ExportPthOptions, type ImportedPth, type ImportPthOptions } from './import-pth';
import type { OfficialNet } from './official-net';
import { pthError, type PthError } from './pth-error';

/** Which network of a pix2pix checkpoint folder: the generator or the discriminator. */
export type OfficialRole = 'G' | 'D';

/** `<epoch>_net_<G|D>.pth`, the official file name (`latest_net_G.pth`, `200_net_D.pth`). */
export const officialCheckpointFile = (role: OfficialRole, epoch: string | number = 'latest'): string => `${epoch}_net_${role}.pth`;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The `.pth` file a path names: the path itself when it is a file, or `<path>/<epoch>_net_<role>.pth`
 * when it is an official checkpoint folder (`checkpoints/facades_label2photo`). Node only.
 */
export function resolveOfficialCheckpoint(path: string, role: OfficialRole = 'G', epoch: string | number = 'latest'): TE.TaskEither<PthError, string> {
  return pipe(
    TE.tryCatch(
      () => stat(path),
      (e) => pthError('not-a-checkpoint', `cannot read ${path}: ${message(e)}`),
    ),
    TE.chain((s) => {
      if (!s.isDirectory()) return TE.right(path);
      const file = join(path, officialCheckpointFile(role, epoch));
      return TE.tryCatch(
        async () => {
          await stat(file);
          return file;
        },
        () => pthError('not-a-checkpoint', `${path} is a folder without ${officialCheckpointFile(role, epoch)} (an official checkpoint folder holds <epoch>_net_G.pth / _net_D.pth)`),
      );
    }),
  );
}

/** Reads and imports an official `.pth` file or checkpoint folder (see {@link importPth}). Node only. */
export function importPthFile(path: string, options: ImportPthOptions & { readonly role?: OfficialRole; readonly epoch?: string | number } = {}): TE.TaskEither<PthError, ImportedPth & { readonly file: string }> {
  return pipe(
    resolveOfficialCheckpoint(path, options.role ?? 'G', options.epoch ?? 'latest'),
    TE.chain((file) =>
      pipe(
        TE.tryCatch(
          () => readFile(file),
          (e) => pthError('not-a-checkpoint', `cannot read ${file}: ${message(e)}`),
        ),
        TE.chainEitherK((bytes) => importPth(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options)),
        TE.map((imported) => ({ ...imported, file })),
        TE.mapLeft((e) => ({ ...e, message: `${file}: ${e.message}` })),
      ),
    ),
  );
}

/** One network to write into an official checkpoint folder. */
export interface OfficialNetVars {
  readonly spec: OfficialNet;
  readonly vars: NetVars;
}

/** Options of {@link writeOfficialCheckpoint}. */
export interface WriteOfficialCheckpointOptions extends ExportPthOptions {
  /** The file names' epoch (default `latest`, what `--continue_train` and `test.py` load). */
  readonly epoch?: string | number;
}

/**
 * Writes our networks as the official checkpoint folder `<checkpointsDir>/<name>/<epoch>_net_G.pth` (and
 * `_net_D.pth`), so the official `python train.py --continue_train --name <name>` and `python test.py
 * --name <name>` pick them up. Each file is written under a temporary name and renamed into place. Node only.
 *
 * @example
 * ```ts
 * import { officialDiscriminator, officialGenerator } from '@pix2pix-ts/pix2pix';
 * import { writeOfficialCheckpoint } from '@pix2pix-ts/pix2pix/node';
 * const spec = officialGenerator('unet_256');
 * // if (spec) await writeOfficialCheckpoint('checkpoints', 'facades_ours', { G: { spec, vars: state.g } })();
 * ```
 */
export function writeOfficialCheckpoint(
  checkpointsDir: string,
  name: string,
  nets: { readonly G: OfficialNetVars; readonly D?: OfficialNetVars },
  options: WriteOfficialCheckpointOptions = {},
): TE.TaskEither<PthError, readonly string[]> {
  const dir = join(checkpointsDir, name);
  const roles = (['G', 'D'] as const).filter((r) => nets[r] !== undefined);
  return TE.tryCatch(
    async () => {
      await mkdir(dir, { recursive: true });
      const written: string[] = [];
      for (const role of roles) {
        const net = nets[role];
        if (net === undefined) continue;
        const file = join(dir, officialCheckpointFile(role, options.epoch ?? 'latest'));
        const tmp = `${file}.tmp-${process.pid}`;
        try {
          await writeFile(tmp, exportPth(net.spec, net.vars, options));
          await rename(tmp, file);
        } finally {
          await rm(tmp, { force: true });
        }
        written.push(file);
      }
      return written;
    },
    (e) => pthError('malformed', `cannot write the official checkpoint ${dir}: ${message(e)}`),
  );
}
