import * as E from 'fp-ts/Either';
import { backendError, type CliError } from '../cli/cli-error';

/** How to get a Chromium, said in every "no Chromium" error. */
export const INSTALL_CHROMIUM = 'install it with `apt-get install -y chromium`, or pass --chromium PATH (or set PIX2PIX_CHROMIUM)';

/** Where to look for Chromium: an explicit path (`--chromium`), the environment, the usual places. */
export interface ChromiumLookup {
  /** `--chromium PATH`, if given (wins over everything). */
  readonly flag: string | undefined;
  /** `PIX2PIX_CHROMIUM`, if set (wins over the usual places). */
  readonly env: string | undefined;
  /** The usual places, in order (`CHROMIUM_CANDIDATES` of `@pix2pix-ts/browser/node`). */
  readonly candidates: readonly string[];
  /** Whether a file exists. */
  readonly exists: (path: string) => boolean;
}

/**
 * The Chromium executable `--backend webgl` drives: `--chromium PATH`, else `PIX2PIX_CHROMIUM`, else the first
 * of the usual places that exists. A path that was given but does not exist, or no Chromium at all, is a
 * backend error (exit 1) that says how to install one. Pure given `exists`.
 *
 * @example
 * ```ts
 * import { resolveChromium } from '@pix2pix-ts/cli/node';
 * resolveChromium({ flag: undefined, env: undefined, candidates: ['/usr/bin/chromium'], exists: () => true }); // Right('/usr/bin/chromium')
 * resolveChromium({ flag: undefined, env: undefined, candidates: ['/usr/bin/chromium'], exists: () => false });
 * // Left: --backend webgl trains in headless Chromium, and none was found (looked at /usr/bin/chromium): install it with `apt-get install -y chromium`, …
 * ```
 */
export function resolveChromium(l: ChromiumLookup): E.Either<CliError, string> {
  const given = (label: string, path: string): E.Either<CliError, string> =>
    l.exists(path) ? E.right(path) : E.left(backendError(`--backend webgl: ${label}: no such file (Chromium runs the WebGL training); ${INSTALL_CHROMIUM}`));
  if (l.flag !== undefined) return given(`--chromium ${l.flag}`, l.flag);
  if (l.env !== undefined && l.env !== '') return given(`PIX2PIX_CHROMIUM=${l.env}`, l.env);
  const found = l.candidates.find((p) => l.exists(p));
  return found === undefined
    ? E.left(backendError(`--backend webgl trains in headless Chromium, and none was found (looked at ${l.candidates.join(', ')}): ${INSTALL_CHROMIUM}`))
    : E.right(found);
}
