import { PRESET_NAMES } from '../config/net-names';
import { PRESETS } from '../config/presets';
import { COMMANDS, type CommandName } from './command-options';
import { isFlag, type OptionSpec, type OptionTable } from './option-spec';

const wrap = (text: string, width: number, indent: number): string => {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line.length > 0 && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line.length === 0 ? w : `${line} ${w}`;
  }
  if (line.length > 0) lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
};

/**
 * The `--help` text of one command, derived from its option table (grouped, with defaults and aliases).
 *
 * @example
 * ```ts
 * import { renderCommandHelp } from '@pix2pix-ts/cli';
 * console.log(renderCommandHelp('train'));
 * ```
 */
export function renderCommandHelp(command: CommandName): string {
  const { options, summary, usage } = COMMANDS[command];
  return [`pix2pix ${command}: ${summary}`, '', `Usage: ${usage}`, '', renderOptions(options)].join('\n');
}

/**
 * The default of an option as `--help` shows it: read from the presets when the option lands in a run's
 * configuration (the default preset's value, then each other preset's where it differs:
 * `10; paper: 100, smoke: 1`), else the option's declared default. A flag shows one only where a preset turns
 * it on.
 *
 * @example
 * ```ts
 * import { helpDefault, TRAIN_OPTIONS } from '@pix2pix-ts/cli';
 * helpDefault(TRAIN_OPTIONS.n_epochs); // '10; paper: 100, smoke: 1'
 * ```
 */
export function helpDefault(spec: OptionSpec): string | undefined {
  const inConfig = spec.inConfig;
  if (inConfig === undefined) return spec.default;
  const values = PRESET_NAMES.map((name) => [name, inConfig(PRESETS[name])] as const);
  if (isFlag(spec) && values.every(([, v]) => v === 'false')) return undefined;
  const base = inConfig(PRESETS.default);
  const others = values.filter(([name, v]) => name !== 'default' && v !== base).map(([name, v]) => `${name}: ${v}`);
  return others.length === 0 ? base : `${base}; ${others.join(', ')}`;
}

/** The option list of a table, grouped by heading. */
export function renderOptions(table: OptionTable): string {
  const groups = new Map<string, string[]>();
  const col = 30;
  for (const [name, spec] of Object.entries(table)) {
    const left = `  --${name}${isFlag(spec) ? '' : ` ${spec.arg ?? 'VALUE'}`}`;
    const extras = [
      ((d) => (d === undefined ? '' : ` (default: ${d})`))(helpDefault(spec)),
      spec.aliases === undefined ? '' : ` (also --${spec.aliases.join(', --')})`,
    ].join('');
    const text = wrap(`${spec.help}${extras}`, 78, col);
    const line = left.length >= col - 1 ? `${left}\n${' '.repeat(col)}${text}` : `${left.padEnd(col)}${text}`;
    const g = groups.get(spec.group) ?? [];
    g.push(line);
    groups.set(spec.group, g);
  }
  return [...groups.entries()].map(([g, lines]) => `${g}:\n${lines.join('\n')}`).join('\n\n');
}

/**
 * The top-level `pix2pix --help`.
 *
 * @example
 * ```ts
 * import { renderMainHelp } from '@pix2pix-ts/cli';
 * renderMainHelp().startsWith('pix2pix'); // true
 * ```
 */
export function renderMainHelp(): string {
  const cmds = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`);
  return [
    'pix2pix: image-to-image translation with conditional adversarial networks (Isola et al. 2017), in TypeScript',
    '',
    'Usage: pix2pix <command> [options]',
    '',
    'Commands:',
    ...cmds,
    '',
    'Run `pix2pix <command> --help` for the options of a command.',
    'Exit codes: 0 ok, 1 failed (missing data, bad checkpoint), 2 bad usage, 130 interrupted (after saving).',
  ].join('\n');
}
