/** The example's defaults: passed to `pix2pix train` unless the command line gives them. */
export const EXAMPLE_DEFAULTS = {
  name: 'facades',
  /** A safety net for the 15-minute budget on a busy machine: the default configuration needs about 10. */
  timeLimitMinutes: 12,
} as const;

const given = (args: readonly string[], option: string): boolean => args.some((a) => a === `--${option}` || a.startsWith(`--${option}=`));

/**
 * The `pix2pix train` command line of the example: Facades (found at `dataroot`), labels → photo, the default
 * preset, run folder under `runsDir`, a 12-minute time limit; `extra` (what follows `npm run example:facades --`)
 * is appended and wins over these defaults (e.g. `--smoke`, `--l1_only`, `--preset paper`). Pure.
 *
 * @example
 * ```ts
 * import { facadesTrainArgs } from '@pix2pix-ts/example-facades';
 * facadesTrainArgs('/data/facades', '/repo/runs', ['--smoke']);
 * // ['train', '--dataroot', '/data/facades', '--direction', 'BtoA', '--name', 'facades', '--runs_dir', '/repo/runs', '--time_limit', '12', '--smoke']
 * ```
 */
export function facadesTrainArgs(dataroot: string, runsDir: string, extra: readonly string[]): string[] {
  const args = ['train'];
  if (!given(extra, 'dataroot')) args.push('--dataroot', dataroot);
  if (!given(extra, 'direction')) args.push('--direction', 'BtoA');
  if (!given(extra, 'name')) args.push('--name', given(extra, 'smoke') ? `${EXAMPLE_DEFAULTS.name}-smoke` : given(extra, 'l1_only') ? `${EXAMPLE_DEFAULTS.name}-l1` : EXAMPLE_DEFAULTS.name);
  if (!given(extra, 'runs_dir') && !given(extra, 'checkpoints_dir')) args.push('--runs_dir', runsDir);
  if (!given(extra, 'time_limit') && !given(extra, 'preset')) args.push('--time_limit', String(EXAMPLE_DEFAULTS.timeLimitMinutes));
  return [...args, ...extra];
}
