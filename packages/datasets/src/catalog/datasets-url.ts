/**
 * Where the pix2pix authors publish the official dataset archives (`<base>/<name>.tar.gz`).
 *
 * @example
 * ```ts
 * import { OFFICIAL_DATASETS_URL } from '@pix2pix-ts/datasets';
 * `${OFFICIAL_DATASETS_URL}/maps.tar.gz`; // 'http://efrosgans.eecs.berkeley.edu/pix2pix/datasets/maps.tar.gz'
 * ```
 */
export const OFFICIAL_DATASETS_URL = 'http://efrosgans.eecs.berkeley.edu/pix2pix/datasets';

/**
 * The environment variable that replaces {@link OFFICIAL_DATASETS_URL}: a mirror, or a test server.
 *
 * @example
 * ```ts
 * import { DATASETS_URL_ENV } from '@pix2pix-ts/datasets';
 * DATASETS_URL_ENV; // 'PIX2PIX_DATASETS_URL'
 * ```
 */
export const DATASETS_URL_ENV = 'PIX2PIX_DATASETS_URL';

/**
 * The archive URL of an official dataset: `$PIX2PIX_DATASETS_URL/<name>.tar.gz` when the variable is set and not
 * empty, else the authors' server. Trailing slashes of the base are ignored. Pure.
 *
 * @example
 * ```ts
 * import { datasetArchiveUrl } from '@pix2pix-ts/datasets';
 * datasetArchiveUrl('maps', {}); // 'http://efrosgans.eecs.berkeley.edu/pix2pix/datasets/maps.tar.gz'
 * datasetArchiveUrl('maps', { PIX2PIX_DATASETS_URL: 'http://127.0.0.1:8080/mirror/' }); // 'http://127.0.0.1:8080/mirror/maps.tar.gz'
 * ```
 */
export const datasetArchiveUrl = (name: string, env: Readonly<Record<string, string | undefined>>): string => {
  const override = env[DATASETS_URL_ENV];
  const base = override === undefined || override.trim() === '' ? OFFICIAL_DATASETS_URL : override.trim();
  return `${base.replace(/\/+$/, '')}/${name}.tar.gz`;
};
