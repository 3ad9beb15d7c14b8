import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { pipe } from 'fp-ts/function';
import { NonEmptyString } from '../config/codecs';
import { decodeInput } from '../config/decode-input';
import { FacadesOptions } from '../config/source-options';
import { FACADES_CONTENT_SHA256 } from '../catalog/facades-digest';
import { missingFolder, type DatasetError } from '../errors/dataset-error';
import { installArchive } from '../download/install-archive';
import { progressReporter } from '../download/progress-reporter';
import { alignedFolder } from './aligned-folder';
import type { PairSource } from './pair-source';

/**
 * Where the pix2pix authors publish the Facades archive.
 *
 * @example
 * ```ts
 * import { FACADES_URL } from '@pix2pix-ts/datasets/node';
 * FACADES_URL.endsWith('/facades.tar.gz'); // true
 * ```
 */
export const FACADES_URL = 'http://efrosgans.eecs.berkeley.edu/pix2pix/datasets/facades.tar.gz';

// FACADES_CONTENT_SHA256 lives in the (browser-safe) catalogue, which lists every official dataset.

/**
 * Where {@link facadesRoot} found (or put) the data.
 *
 * @example
 * ```ts
 * import type { FacadesLocation } from '@pix2pix-ts/datasets/node';
 * const fresh = (l: FacadesLocation) => l.origin === 'download';
 * ```
 */
export interface FacadesLocation {
  /** The folder holding `train/`, `val/`, `test/`. */
  readonly root: string;
  readonly origin: 'explicit' | 'PIX2PIX_DATA' | 'cache' | 'download';
}

const isFolder = async (p: string): Promise<boolean> => {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
};

const Env = t.partial({ PIX2PIX_DATA: NonEmptyString, XDG_CACHE_HOME: NonEmptyString });

/**
 * The default cache folder: `$XDG_CACHE_HOME/pix2pix-ts`, else `~/.cache/pix2pix-ts`.
 *
 * @example
 * ```ts
 * import { defaultCacheDir } from '@pix2pix-ts/datasets/node';
 * defaultCacheDir({}); // '/home/me/.cache/pix2pix-ts'
 * ```
 */
export const defaultCacheDir = (env: Record<string, string | undefined> = process.env): string => {
  const decoded = Env.decode(env);
  const xdg = E.isRight(decoded) ? decoded.right.XDG_CACHE_HOME : undefined;
  return join(xdg ?? join(homedir(), '.cache'), 'pix2pix-ts');
};

/**
 * Finds the Facades folder, in order: `options.root` (an error if it lacks the split: nothing is ever
 * written into a folder you name), `$PIX2PIX_DATA/facades`, the cache (`cacheDir/facades`); if none has it
 * and `download` is not false, downloads the archive into the cache (see `installArchive`). Options and
 * environment are decoded with io-ts.
 *
 * @example
 * ```ts
 * import { facadesRoot } from '@pix2pix-ts/datasets/node';
 * const where = await facadesRoot({ phase: 'train' })(); // Right({ root: '/root/.cache/pix2pix-ts/facades', origin: 'cache' })
 * ```
 */
export const facadesRoot = (
  options: FacadesOptions = {},
  env: Record<string, string | undefined> = process.env,
): TE.TaskEither<DatasetError, FacadesLocation> =>
  pipe(
    TE.fromEither(decodeInput(FacadesOptions, 'facades options')(options)),
    TE.bindTo('o'),
    TE.bind('env', () => TE.fromEither(decodeInput(Env, 'environment')(Object.fromEntries(Object.entries(env).filter(([k]) => k === 'PIX2PIX_DATA' || k === 'XDG_CACHE_HOME'))))),
    TE.chain(({ o, env: e }) => async (): Promise<E.Either<DatasetError, FacadesLocation>> => {
      const phase = o.phase ?? 'train';
      if (o.root !== undefined) {
        const root = resolve(o.root);
        return (await isFolder(join(root, phase)))
          ? E.right({ root, origin: 'explicit' })
          : E.left(missingFolder(join(root, phase), `the Facades ${phase} split under the root you gave`));
      }
      if (e.PIX2PIX_DATA !== undefined) {
        const root = resolve(e.PIX2PIX_DATA, 'facades');
        if (await isFolder(join(root, phase))) return E.right({ root, origin: 'PIX2PIX_DATA' });
      }
      const cacheDir = resolve(o.cacheDir ?? defaultCacheDir(env));
      const cached = join(cacheDir, 'facades');
      if (await isFolder(join(cached, phase))) return E.right({ root: cached, origin: 'cache' });
      const looked = [
        ...(e.PIX2PIX_DATA === undefined ? [] : [join(resolve(e.PIX2PIX_DATA), 'facades')]),
        cached,
      ];
      if (o.download === false) {
        return E.left(missingFolder(cached, `Facades not found (looked in ${looked.join(', ')}); download: false`));
      }
      const installed = await installArchive({
        name: 'facades',
        url: o.url ?? FACADES_URL,
        cacheDir,
        sha256: o.sha256,
        contentSha256: o.contentSha256 === null ? undefined : (o.contentSha256 ?? FACADES_CONTENT_SHA256),
        retries: o.retries ?? 3,
        onProgress: progressReporter(o.progress ?? 'auto'),
        ...(o.progress === 'none' ? {} : { onNote: (line: string) => void process.stderr.write(`${line}\n`) }),
      })();
      if (E.isLeft(installed)) return installed;
      return (await isFolder(join(installed.right, phase)))
        ? E.right({ root: installed.right, origin: 'download' })
        : E.left(missingFolder(join(installed.right, phase), `the Facades ${phase} split (the archive has no such folder)`));
    }),
  );

/**
 * The CMP Facades set as the paper uses it: an aligned source of one split (`train` by default, 400 pairs of
 * photo A | labels B), direction `BtoA` (labels → photo) unless told otherwise. Finds or downloads the data as
 * {@link facadesRoot} does.
 *
 * @example
 * ```ts
 * import * as TE from 'fp-ts/TaskEither';
 * import { pipe } from 'fp-ts/function';
 * import { facades, nodeLoader } from '@pix2pix-ts/datasets/node';
 * const loader = await pipe(facades({ phase: 'train' }), TE.chain((source) => nodeLoader(source, { seed: 0 })))();
 * ```
 */
export const facades = (
  options: FacadesOptions = {},
  env: Record<string, string | undefined> = process.env,
): TE.TaskEither<DatasetError, PairSource> =>
  pipe(
    facadesRoot(options, env),
    TE.chain(({ root }) =>
      alignedFolder(root, {
        phase: options.phase ?? 'train',
        direction: options.direction ?? 'BtoA',
        requireSquareHalves: options.requireSquareHalves ?? true,
      }),
    ),
    TE.map((s) => ({ ...s, name: `facades ${options.phase ?? 'train'} (${s.name})` })),
  );
