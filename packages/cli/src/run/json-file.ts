import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import { makeFolder } from '@pix2pix-ts/pix2pix/node';
import { inputError, messageOf, type CliError } from '../cli/cli-error';

/**
 * Reads a JSON file and decodes it with an io-ts codec: a missing file, bad JSON or a wrong shape is an input
 * error naming the file.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import * as t from 'io-ts';
 * import { readJson } from '@pix2pix-ts/cli/node';
 * const path = join(tmpdir(), 'point.json');
 * writeFileSync(path, '{ "x": 1 }');
 * const point = await readJson(path, t.type({ x: t.number }))(); // Right({ x: 1 }); a run's: readJson('runs/x/config.json', RunConfig)
 * ```
 */
export function readJson<A>(path: string, codec: t.Type<A, unknown, unknown>): TE.TaskEither<CliError, A> {
  return pipe(
    TE.tryCatch(
      () => readFile(path, 'utf8'),
      (e) => inputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : messageOf(e)})`),
    ),
    TE.chainEitherK((text) => E.tryCatch(() => JSON.parse(text) as unknown, (e) => inputError(`${path}: not valid JSON (${messageOf(e)})`))),
    TE.chainEitherK((json) =>
      pipe(
        codec.decode(json),
        E.mapLeft((errs) => inputError(`${path}: unexpected content: ${PathReporter.report(E.left(errs)).slice(0, 3).join('; ')}`)),
      ),
    ),
  );
}

/** Writes a JSON file atomically (temporary file, then rename), creating its folder (never hanging on an unwritable place). */
export function writeJson(path: string, value: unknown): TE.TaskEither<CliError, void> {
  return TE.tryCatch(
    async () => {
      await makeFolder(dirname(path));
      const tmp = `${path}.tmp-${process.pid}`;
      await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`);
      await rename(tmp, path);
    },
    (e) => inputError(`${path}: cannot write (${messageOf(e)})`),
  );
}

/** Writes bytes or text to a file, creating its folder. */
export function writeFileTE(path: string, data: Uint8Array | string): TE.TaskEither<CliError, void> {
  return TE.tryCatch(
    async () => {
      await makeFolder(dirname(path));
      await writeFile(path, data);
    },
    (e) => inputError(`${path}: cannot write (${messageOf(e)})`),
  );
}
