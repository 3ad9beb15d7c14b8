import * as random from '@pix2pix-ts/random';
import { describe, expect, it } from 'vitest';
import * as layers from '../src/index';

// layers names each of random's exports (a star re-export of an external package is invisible to plain
// Node's ESM linker once bundled); this keeps the named list in src/random/index.ts complete.
describe('layers re-exports @pix2pix-ts/random', () => {
  it('has every run-time export of @pix2pix-ts/random, the same value', () => {
    const missing = Object.keys(random).filter((name) => !(name in layers));
    expect(missing).toEqual([]);
    for (const [name, value] of Object.entries(random)) {
      expect((layers as Record<string, unknown>)[name]).toBe(value);
    }
  });
});
