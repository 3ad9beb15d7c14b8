import * as E from 'fp-ts/Either';
import { mismatchedPairs, type DatasetError } from '../errors/dataset-error';

const stem = (rel: string): string => rel.replace(/\.[^./]+$/, '');

const byStem = (files: readonly string[]): { map: Map<string, string>; clashes: string[] } => {
  const map = new Map<string, string>();
  const clashes: string[] = [];
  for (const f of files) {
    const s = stem(f);
    const seen = map.get(s);
    if (seen !== undefined) clashes.push(`${seen} and ${f}`);
    else map.set(s, f);
  }
  return { map, clashes };
};

/**
 * Pairs the files of an A folder with those of a B folder by relative path without extension (`x.jpg` pairs
 * with `x.png`), in A's sorted order. Names only on one side, or two files with the same name but different
 * extensions in one folder, are an error that lists them.
 *
 * @example
 * ```ts
 * import { matchPairs } from '@pix2pix-ts/datasets';
 * matchPairs(['1.jpg', '2.jpg'], ['1.png', '2.png'], 'A', 'B'); // Right([['1.jpg', '1.png'], ['2.jpg', '2.png']])
 * matchPairs(['1.jpg', '3.jpg'], ['1.png'], 'A', 'B');          // Left: 'A and B do not pair up: only in A: 3.jpg'
 * ```
 */
export const matchPairs = (
  filesA: readonly string[],
  filesB: readonly string[],
  dirA: string,
  dirB: string,
): E.Either<DatasetError, readonly (readonly [string, string])[]> => {
  const a = byStem(filesA);
  const b = byStem(filesB);
  const onlyA = filesA.filter((f) => !b.map.has(stem(f)));
  const onlyB = filesB.filter((f) => !a.map.has(stem(f)));
  const clashes = [...a.clashes.map((c) => `A has both ${c}`), ...b.clashes.map((c) => `B has both ${c}`)];
  if (onlyA.length > 0 || onlyB.length > 0 || clashes.length > 0) {
    return E.left(mismatchedPairs(dirA, dirB, onlyA, onlyB, clashes.length > 0 ? clashes.join('; ') : undefined));
  }
  return E.right([...a.map.entries()].map(([s, fa]) => [fa, b.map.get(s) ?? fa] as const));
};
