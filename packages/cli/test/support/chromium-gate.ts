import { findChromium } from '@pix2pix-ts/browser/node';

/** The Chromium the WebGL tests drive, if any (`PIX2PIX_CHROMIUM`, else /usr/bin/chromium, …). */
export const CHROMIUM = findChromium();

/** CI runs (`CI=true`) must not skip the WebGL tests: CI installs Chromium. */
export const IN_CI = ['true', '1'].includes((process.env['CI'] ?? '').toLowerCase());

/**
 * Whether to skip the tests that run Chromium: only outside CI, and only without Chromium. In CI a missing
 * Chromium makes them fail with the CLI's own message (how to install it).
 */
export const SKIP_WEBGL = CHROMIUM === undefined && !IN_CI;

if (SKIP_WEBGL) console.log('pix2pix train --backend webgl tests skipped: no Chromium found (apt-get install -y chromium, or set PIX2PIX_CHROMIUM)');
