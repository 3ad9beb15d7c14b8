import { findChromium } from '../../src/node';

/** The Chromium the browser tests drive, if any. */
export const CHROMIUM = findChromium();

/** CI runs (`CI=true`, as `.ci/run` sets) must not skip the browser tests. */
export const IN_CI = ['true', '1'].includes((process.env['CI'] ?? '').toLowerCase());

/**
 * Whether to skip the browser tests: only outside CI, and only when there is no Chromium. In CI a
 * missing Chromium makes every browser test fail with `launchChromium`'s message (what to install).
 */
export const SKIP_BROWSER = CHROMIUM === undefined && !IN_CI;

if (SKIP_BROWSER) console.log('browser tests skipped: no Chromium found (apt-get install chromium, or set PIX2PIX_CHROMIUM)');
