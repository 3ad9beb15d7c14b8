import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings: resolve workspace packages to their TypeScript sources (the `source` export
 * condition) so tests never need a prior build, and keep runs deterministic.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // No wall-clock limits: on a busy 2-core machine a heavy test (a training run, a Chromium suite) can take
    // several times its quiet-machine duration, and a fixed limit turned that into a failure. A test that
    // really hangs is ended by CI's own job limit. Speed is measured by the benchmarks, never asserted here.
    testTimeout: 0,
    hookTimeout: 0,
    pool: 'forks',
    typecheck: { enabled: false },
  },
});
