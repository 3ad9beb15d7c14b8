import { closeSync, mkdirSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * One headless Chromium at a time for the whole machine, across turbo's parallel package tasks and
 * vitest's parallel test files.
 *
 * Why: `npm test` runs every package's suite at once. The Chromium suites (WebGL on SwiftShader, a CPU
 * rasteriser) each want every core; three of them at once on a 2-core machine made each take minutes longer
 * than alone. Tests have no wall-clock limits, so contention only costs time, but serialising the Chromium
 * suites keeps the total time close to their sum instead of far beyond it and keeps the rest of the
 * suite responsive.
 *
 * The lock is a `proper-lockfile` lock (an atomic `mkdir` whose mtime its holder keeps fresh), so a holder
 * killed mid-test leaves a lock that goes stale and is taken over, never a machine that waits forever.
 */
const LOCK_TARGET = join(tmpdir(), 'pix2pix-ts-locks', 'chromium');

/** How long a holder may go without refreshing before its lock counts as abandoned, ms. */
const STALE_MS = 120_000;

/**
 * Waits until no other test on this machine holds Chromium, then holds it; the returned function releases it.
 * Waiting prints one line, so a slow suite says why it is slow.
 *
 * @example
 * ```ts
 * let release: (() => Promise<void>) | undefined;
 * beforeAll(async () => { release = await holdChromium('browser.test.ts'); });
 * afterAll(async () => { await release?.(); });
 * ```
 */
export async function holdChromium(who: string): Promise<() => Promise<void>> {
  mkdirSync(join(tmpdir(), 'pix2pix-ts-locks'), { recursive: true });
  closeSync(openSync(LOCK_TARGET, 'a'));
  const options = {
    stale: STALE_MS,
    realpath: false,
    // A busy event loop (a long synchronous step in the holder) can delay the refresh past `stale`: then
    // another suite may start Chromium beside this one, which only costs time. Never fail a test for it.
    onCompromised: (e: Error): void => console.warn(`chromium lock (${who}): ${e.message}; continuing`),
  };
  const started = Date.now();
  let said = false;
  for (;;) {
    try {
      const release = await lockfile.lock(LOCK_TARGET, options);
      if (said) console.log(`${who}: got Chromium after ${((Date.now() - started) / 1000).toFixed(0)} s`);
      return async () => {
        try {
          await release();
        } catch (e) {
          // Already released or taken over as stale: nothing of ours to release.
          console.warn(`chromium lock (${who}): ${e instanceof Error ? e.message : String(e)}`);
        }
      };
    } catch (e) {
      if (!(e instanceof Error && 'code' in e && e.code === 'ELOCKED')) throw e;
      if (!said) console.log(`${who}: waiting for another test suite to finish with Chromium`);
      said = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
