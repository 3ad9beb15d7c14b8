import { locateSharedFacades } from '../../src/node';

/**
 * The shared Facades folder for tests (see `locateSharedFacades`), or undefined; prints why tests that need it
 * are skipped.
 */
export const sharedFacades: string | undefined = await locateSharedFacades();
if (sharedFacades === undefined) {
  console.warn(
    '[datasets tests] skipping the tests that need the real Facades data: no shared/data/facades found walking up from packages/datasets, and PIX2PIX_SHARED is not set',
  );
}
