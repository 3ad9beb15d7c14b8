import * as E from 'fp-ts/Either';
import { usageError, type CliError } from '../cli/cli-error';
import { COMMANDS, type CommandName } from './command-options';
import { isFlag, type OptionsOf, type OptionTable } from './option-spec';
import type { RawValue } from './string-codecs';

/** A command line, parsed and decoded: which command and its typed options (all optional). */
export type ParsedCommand =
  | { readonly command: 'train'; readonly options: OptionsOf<typeof COMMANDS.train.options> }
  | { readonly command: 'test'; readonly options: OptionsOf<typeof COMMANDS.test.options> }
  | { readonly command: 'eval'; readonly options: OptionsOf<typeof COMMANDS.eval.options> }
  | { readonly command: 'export'; readonly options: OptionsOf<typeof COMMANDS.export.options> }
  | { readonly command: 'convert'; readonly options: OptionsOf<typeof COMMANDS.convert.options> }
  | { readonly command: 'download'; readonly options: OptionsOf<typeof COMMANDS.download.options> }
  | { readonly command: 'ablate'; readonly options: OptionsOf<typeof COMMANDS.ablate.options> }
  | { readonly command: 'help'; readonly topic?: CommandName }
  | { readonly command: 'version' };

const isCommand = (s: string): s is CommandName => Object.prototype.hasOwnProperty.call(COMMANDS, s);

const show = (v: RawValue): string => (v === true ? '(no value)' : JSON.stringify(v));

/**
 * Splits the arguments after the command into raw option values: `--name value`, `--name=value`, bare flags.
 * Unknown options, missing values, repeated options and stray arguments are usage errors naming the option.
 *
 * @example
 * ```ts
 * import { tokenize, TRAIN_OPTIONS } from '@pix2pix-ts/cli';
 * tokenize(TRAIN_OPTIONS, 'train', ['--ngf', '32', '--no_flip']); // Right(Map { ngf => '32', no_flip => true })
 * ```
 */
export function tokenize(table: OptionTable, command: string, args: readonly string[]): E.Either<CliError, ReadonlyMap<string, RawValue>> {
  const byName = new Map<string, string>();
  for (const [name, s] of Object.entries(table)) {
    byName.set(name, name);
    for (const alias of s.aliases ?? []) byName.set(alias, name);
  }
  const raw = new Map<string, RawValue>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--') || arg === '--') {
      return E.left(usageError(`unexpected argument ${JSON.stringify(arg)} for 'pix2pix ${command}' (options start with --; see pix2pix ${command} --help)`));
    }
    const eq = arg.indexOf('=');
    const given = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const name = byName.get(given);
    const spec = name === undefined ? undefined : table[name];
    if (name === undefined || spec === undefined) {
      return E.left(usageError(`unknown option --${given} for 'pix2pix ${command}' (see pix2pix ${command} --help)`));
    }
    if (raw.has(name)) return E.left(usageError(`--${given}: given more than once`));
    if (isFlag(spec)) {
      raw.set(name, inline ?? true);
      continue;
    }
    if (inline !== undefined) {
      raw.set(name, inline);
      continue;
    }
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) {
      return E.left(usageError(`--${given}: expected ${spec.codec.name}, got no value`));
    }
    raw.set(name, next);
    i++;
  }
  return E.right(raw);
}

/**
 * Decodes raw option values with each option's io-ts codec. The first bad value is a one-line usage error
 * naming the option, e.g. `--ngf: expected a positive integer, got "abc"`.
 *
 * @example
 * ```ts
 * import { decodeOptions, TRAIN_OPTIONS } from '@pix2pix-ts/cli';
 * decodeOptions(TRAIN_OPTIONS, new Map([['ngf', 'abc']])); // Left({ _tag: 'Usage', message: '--ngf: expected a positive integer, got "abc"' })
 * ```
 */
export function decodeOptions<T extends OptionTable>(table: T, raw: ReadonlyMap<string, RawValue>): E.Either<CliError, OptionsOf<T>> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of raw) {
    const spec = table[name];
    if (spec === undefined) return E.left(usageError(`unknown option --${name}`));
    const decoded: E.Either<unknown, unknown> = spec.codec.decode(value);
    if (E.isLeft(decoded)) return E.left(usageError(`--${name}: expected ${spec.codec.name}, got ${show(value)}`));
    out[name] = decoded.right;
  }
  // Every key was decoded by its own codec above, so the record has exactly the declared types.
  return E.right(out as OptionsOf<T>);
}

/**
 * Parses a whole `pix2pix` command line (the arguments after the program name): the command, then its options.
 * Pure: nothing is read or printed.
 *
 * @example
 * ```ts
 * import { parseCommandLine } from '@pix2pix-ts/cli';
 * parseCommandLine(['train', '--dataroot', 'data/facades', '--ngf', '32']);
 * // Right({ command: 'train', options: { dataroot: 'data/facades', ngf: 32 } })
 * parseCommandLine(['train', '--ngf', 'abc']); // Left(usage error, exit code 2)
 * ```
 */
export function parseCommandLine(argv: readonly string[]): E.Either<CliError, ParsedCommand> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    return E.right(topic !== undefined && isCommand(topic) ? { command: 'help', topic } : { command: 'help' });
  }
  if (first === '--version' || first === '-v') return E.right({ command: 'version' });
  if (!isCommand(first)) {
    return E.left(usageError(`unknown command ${JSON.stringify(first)} (commands: ${Object.keys(COMMANDS).join(', ')}; see pix2pix --help)`));
  }
  if (rest.includes('--help') || rest.includes('-h')) return E.right({ command: 'help', topic: first });
  switch (first) {
    case 'train':
      return parseWith(COMMANDS.train.options, first, rest, (options) => ({ command: first, options }));
    case 'test':
      return parseWith(COMMANDS.test.options, first, rest, (options) => ({ command: first, options }));
    case 'eval':
      return parseWith(COMMANDS.eval.options, first, rest, (options) => ({ command: first, options }));
    case 'export':
      return parseWith(COMMANDS.export.options, first, rest, (options) => ({ command: first, options }));
    case 'convert':
      return parseWith(COMMANDS.convert.options, first, rest, (options) => ({ command: first, options }));
    case 'download':
      // `pix2pix download NAME`: the one positional argument is the dataset
      return parseWith(COMMANDS.download.options, first, rest[0] !== undefined && !rest[0].startsWith('--') ? ['--dataset', ...rest] : rest, (options) => ({ command: first, options }));
    case 'ablate':
      return parseWith(COMMANDS.ablate.options, first, rest, (options) => ({ command: first, options }));
  }
}

function parseWith<T extends OptionTable>(
  table: T,
  command: CommandName,
  args: readonly string[],
  wrap: (o: OptionsOf<T>) => ParsedCommand,
): E.Either<CliError, ParsedCommand> {
  const raw = tokenize(table, command, args);
  if (E.isLeft(raw)) return raw;
  const decoded = decodeOptions(table, raw.right);
  return E.isLeft(decoded) ? decoded : E.right(wrap(decoded.right));
}
