import { axisName, formatShape } from './shape';

/** One axis on which two shapes disagree. */
export interface DimMismatch {
  readonly axis: number;
  /** `height`, `width`, … for NHWC shapes; `axis i` otherwise. */
  readonly name: string;
  readonly expected: number;
  readonly actual: number;
}

/**
 * A shape error found at run time: where it happened, the dims that disagree, and a one-line message
 * with the same words the compile-time errors use (e.g. `skip: height 64 ≠ 32`).
 */
export interface ShapeError {
  readonly _tag: 'ShapeError';
  /** The operation or boundary that found the error, e.g. `skip`, `conv2d`, `assertShape(input)`. */
  readonly where: string;
  readonly expected: readonly (number | null)[] | undefined;
  readonly actual: readonly number[] | undefined;
  readonly mismatches: readonly DimMismatch[];
  readonly message: string;
}

/**
 * Builds a {@link ShapeError} whose message names every disagreeing dim.
 *
 * @example
 * ```ts
 * import { shapeMismatch } from '@pix2pix-ts/shape-types';
 * shapeMismatch('skip', [1, 64, 64, 8], [1, 32, 32, 8]).message;
 * // 'skip: height 64 ≠ 32, width 64 ≠ 32 (expected [1, 64, 64, 8], got [1, 32, 32, 8])'
 * ```
 */
export function shapeMismatch(
  where: string,
  expected: readonly (number | null)[],
  actual: readonly number[],
  axes?: readonly number[],
): ShapeError {
  const mismatches: DimMismatch[] = [];
  if (expected.length !== actual.length) {
    return {
      _tag: 'ShapeError',
      where,
      expected,
      actual,
      mismatches,
      message: `${where}: rank ${expected.length} ≠ ${actual.length} (expected ${formatShape(expected)}, got ${formatShape(actual)})`,
    };
  }
  const checked = axes ?? expected.map((_, i) => i);
  for (const i of checked) {
    const e = expected[i];
    const a = actual[i];
    if (e === null || e === undefined || a === undefined) continue;
    if (e !== a) mismatches.push({ axis: i, name: axisName(i, expected.length), expected: e, actual: a });
  }
  const dims = mismatches.map((m) => `${m.name} ${m.expected} ≠ ${m.actual}`).join(', ');
  return {
    _tag: 'ShapeError',
    where,
    expected,
    actual,
    mismatches,
    message: `${where}: ${dims} (expected ${formatShape(expected)}, got ${formatShape(actual)})`,
  };
}

/** A shape error that is not a dim comparison (e.g. `conv2d: kernel 4 larger than padded input 3`). */
export function shapeErrorOf(where: string, detail: string): ShapeError {
  return { _tag: 'ShapeError', where, expected: undefined, actual: undefined, mismatches: [], message: `${where}: ${detail}` };
}

/** An `Error` carrying a {@link ShapeError}, thrown where a layer must fail before any compute. */
export class ShapeErrorException extends Error {
  override readonly name = 'ShapeError';
  constructor(readonly shapeError: ShapeError) {
    super(shapeError.message);
  }
}
