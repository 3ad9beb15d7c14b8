import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { defaultCacheDir, downloadFile, type ProgressSink } from '@pix2pix-ts/datasets/node';
import { describeOfficialNet, inferOfficialNet, looksLike, normaliseStateDict, readPth } from '@pix2pix-ts/pix2pix';
import { OFFICIAL_PRETRAINED_URL, PRETRAINED_NAMES, type PretrainedName } from './pretrained-names';
import { inputError, messageOf, usageError, type CliError } from '../cli/cli-error';


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

/**
 * Reads the file as a `.pth` checkpoint (container, restricted unpickler, every storage) and recognises the
 * official network it holds: the validation. It makes no tensors, so it needs no backend.
 */
const validate = (path: string): TE.TaskEither<string, string> => async () => {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    return E.left(messageOf(e));
  }
  return pipe(
    readPth(bytes),
    E.mapLeft((e) => e.message),
    E.chain(({ stateDict }) => {
      const clean = normaliseStateDict(stateDict).stateDict;
      const spec = inferOfficialNet(clean);
      return spec === undefined ? E.left(looksLike(clean)) : E.right(describeOfficialNet(spec));
    }),
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
 * // not run: downloads from the network (the tests serve fixture archives on 127.0.0.1 instead)
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
