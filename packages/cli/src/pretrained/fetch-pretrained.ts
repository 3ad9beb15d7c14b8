import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { defaultCacheDir, downloadFile, type ProgressSink } from '@pix2pix-ts/datasets/node';
import { describeOfficialNet, importPth, type ImportedPth } from '@pix2pix-ts/pix2pix';
import { disposeTree } from '@pix2pix-ts/layers';
import { inputError, messageOf, usageError, type CliError } from '../cli/cli-error';

/**
 * The official implementation's pretrained pix2pix models, by the names its `download_pix2pix_model.sh` takes
 * (all `unet_256` generators with batch norm, saved by PyTorch < 1.6 in the legacy container format).
 */
export const PRETRAINED_NAMES = ['facades_label2photo', 'sat2map', 'map2sat', 'edges2shoes', 'day2night'] as const;
export type PretrainedName = (typeof PRETRAINED_NAMES)[number];

/** Where the official script fetches them from; `PIX2PIX_PRETRAINED_URL` overrides it (a mirror, a test server). */
export const OFFICIAL_PRETRAINED_URL = 'http://efrosgans.eecs.berkeley.edu/pix2pix/models-pytorch';

/** Options of {@link fetchPretrained}. */
export interface FetchPretrainedOptions {
  /** Default: `defaultCacheDir(env)` (`$XDG_CACHE_HOME/pix2pix-ts` or `~/.cache/pix2pix-ts`). */
  readonly cacheDir?: string;
  /** Default: `PIX2PIX_PRETRAINED_URL`, else {@link OFFICIAL_PRETRAINED_URL}. */
  readonly baseUrl?: string;
  readonly env?: Record<string, string | undefined>;
  /** Further attempts after a dropped connection (each resumes where the last stopped). Default 3. */
  readonly retries?: number;
  readonly onProgress?: ProgressSink;
  /** One-line notes: where the file is, whether it came from the cache. */
  readonly onNote?: (line: string) => void;
}

/** A pretrained model in the cache, checked by loading it. */
export interface FetchedPretrained {
  readonly name: PretrainedName;
  readonly path: string;
  /** `unet_256, ngf 64, batch norm, 3 → 3 channels` or what the file really holds. */
  readonly network: string;
  readonly fromCache: boolean;
}

const isPretrainedName = (s: string): s is PretrainedName => (PRETRAINED_NAMES as readonly string[]).includes(s);

const exists = (p: string): Promise<boolean> => stat(p).then((s) => s.isFile(), () => false);

/** Loads the file as a `.pth` checkpoint (the validation), frees what it made, and says what network it is. */
const validate = (path: string): TE.TaskEither<string, string> => async () => {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    return E.left(messageOf(e));
  }
  return pipe(
    importPth(bytes),
    E.map((imported: ImportedPth) => {
      disposeTree(imported.vars.params);
      disposeTree(imported.vars.state);
      return describeOfficialNet(imported.spec);
    }),
    E.mapLeft((e) => e.message),
  );
};

/**
 * Fetches an official pretrained pix2pix generator by its official name into `<cache>/pretrained/<name>.pth`
 * (progress, retries that resume, the file moved into place only when complete), then validates it by loading it.
 * A cached file is validated the same way and fetched again when it does not load. A download that does not load
 * is deleted, with an error saying what failed.
 *
 * @example
 * ```ts
 * import { fetchPretrained } from '@pix2pix-ts/cli/node';
 * // const r = await fetchPretrained('facades_label2photo', { onNote: console.log })();
 * // Right({ name: 'facades_label2photo', path: '~/.cache/pix2pix-ts/pretrained/facades_label2photo.pth', network: 'unet_256 …', fromCache: false })
 * ```
 */
export function fetchPretrained(name: string, options: FetchPretrainedOptions = {}): TE.TaskEither<CliError, FetchedPretrained> {
  if (!isPretrainedName(name)) {
    return TE.left(usageError(`--pretrained: unknown model "${name}"; the official pretrained pix2pix models are ${PRETRAINED_NAMES.join(', ')}`));
  }
  const env = options.env ?? process.env;
  const dir = join(options.cacheDir ?? defaultCacheDir(env), 'pretrained');
  const path = join(dir, `${name}.pth`);
  const base = (options.baseUrl ?? env['PIX2PIX_PRETRAINED_URL'] ?? OFFICIAL_PRETRAINED_URL).replace(/\/+$/, '');
  const url = `${base}/${name}.pth`;
  const note = options.onNote ?? (() => {});

  const download: TE.TaskEither<CliError, FetchedPretrained> = pipe(
    TE.tryCatch(
      () => mkdir(dir, { recursive: true }),
      (e) => inputError(`--pretrained ${name}: cannot create the cache folder ${dir}: ${messageOf(e)}`),
    ),
    TE.flatMap(() =>
      pipe(
        downloadFile({ url, dest: path, retries: options.retries ?? 3, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) }),
        TE.mapLeft((e) => inputError(`--pretrained ${name}: ${e.message}`)),
      ),
    ),
    TE.flatMap(() =>
      pipe(
        validate(path),
        TE.orElseW((why) =>
          pipe(
            TE.fromTask(() => rm(path, { force: true })),
            TE.flatMap(() => TE.left<CliError, string>(inputError(`--pretrained ${name}: the file downloaded from ${url} is not a loadable pix2pix checkpoint (${why}); it was deleted`))),
          ),
        ),
      ),
    ),
    TE.map((network) => {
      note(`pretrained ${name}: downloaded to ${path} (${network})`);
      return { name, path, network, fromCache: false };
    }),
  );

  return pipe(
    TE.fromTask(() => exists(path)),
    TE.flatMap((cached) => {
      if (!cached) return download;
      return pipe(
        validate(path),
        TE.map((network): FetchedPretrained => {
          note(`pretrained ${name}: ${path} (cached; ${network})`);
          return { name, path, network, fromCache: true };
        }),
        TE.orElse((why) => {
          note(`pretrained ${name}: the cached ${path} does not load (${why}); fetching it again`);
          return pipe(
            TE.fromTask(() => rm(path, { force: true })),
            TE.flatMap(() => download),
          );
        }),
      );
    }),
  );
}
