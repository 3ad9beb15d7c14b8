import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '@pix2pix-ts/cli/node';
import { facadesTrainArgs } from './facades-args';
import { resolveFacades } from './facades-root';

/** The repository root (three folders up from this file: examples/facades/src). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * `npm run example:facades [-- options]`: finds Facades, then runs `pix2pix train` with the example's defaults
 * (the default preset: about 8.5 minutes on 2 CPU cores with wasm), which trains, evaluates on the test split and
 * writes `runs/facades-<timestamp>/` (checkpoints, samples, metrics, report.html). Returns the exit code.
 */
export async function runFacadesExample(extra: readonly string[]): Promise<number> {
  const hasRoot = extra.some((a) => a === '--dataroot' || a.startsWith('--dataroot='));
  let dataroot = '';
  if (!hasRoot) {
    const where = await resolveFacades(REPO_ROOT)();
    if (where._tag === 'Left') {
      process.stderr.write(`example:facades: cannot find CMP Facades: ${where.left}\n`);
      return 1;
    }
    dataroot = where.right.root;
    process.stdout.write(`Facades: ${dataroot} (${where.right.origin})\n`);
  }
  return main(facadesTrainArgs(dataroot, join(REPO_ROOT, 'runs'), extra));
}
