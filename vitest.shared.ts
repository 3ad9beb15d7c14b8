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
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    typecheck: { enabled: false },
  },
});
