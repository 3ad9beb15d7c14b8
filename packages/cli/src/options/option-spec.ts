import type * as t from 'io-ts';
import type { Preset } from '../config/presets';

/**
 * One command-line option: how its value is decoded (an io-ts codec from the raw string), what it is called in
 * `--help` and what it does. Options are declared as tables per command; parsing, decoding and help are all derived
 * from the tables, so they never disagree.
 */
export interface OptionSpec {
  /** Decodes the raw value (a string, or `true` for a bare flag). */
  readonly codec: t.Mixed;
  /** The placeholder in `--help` (`N`, `PATH`); absent for flags. */
  readonly arg?: string;
  /** One sentence; the default is appended by the help renderer when given. */
  readonly help: string;
  /**
   * Shown as `(default: …)` when the default does not come from a preset (a fixed value of the code, or "the
   * checkpoint's").
   */
  readonly default?: string;
  /**
   * Where the option lands in a run's configuration, as `--help` writes it: the single source of the default
   * shown (read from every preset, `(default: 10; paper: 100, smoke: 1)`), and what `--continue_train` compares
   * with the run's stored configuration. (A run configuration is a preset plus the data root and the run name.)
   */
  readonly inConfig?: (p: Preset) => string;
  /** A heading in `--help`. */
  readonly group: string;
  /** Other spellings accepted for this option (`checkpoints_dir` for `runs_dir`). */
  readonly aliases?: readonly string[];
}

/** The options of one command, by canonical name (without `--`). */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/**
 * The decoded options of a table: every option optional (defaults are applied when the run's configuration is
 * built, by a pure function, so that presets can choose them).
 */
export type OptionsOf<T extends OptionTable> = { readonly [K in keyof T]?: t.TypeOf<T[K]['codec']> };

/** Whether an option is a bare flag (takes no value). */
export const isFlag = (spec: OptionSpec): boolean => spec.arg === undefined;

/**
 * Declares one option, keeping its codec's type (so decoded options are typed).
 *
 * @example
 * ```ts
 * import { defineOption, PositiveInt } from '@pix2pix-ts/cli';
 * const ngf = defineOption({ codec: PositiveInt, arg: 'N', group: 'Model', help: 'generator filters' });
 * ```
 */
export const defineOption = <C extends t.Mixed>(s: Omit<OptionSpec, 'codec'> & { readonly codec: C }): Omit<OptionSpec, 'codec'> & { readonly codec: C } => s;
