import { describe, expect, it } from 'vitest';
import { threefry2x32 } from '@pix2pix-ts/random';

const hex = (x: readonly [number, number]): string[] => x.map((v) => v.toString(16).padStart(8, '0'));

// Known-answer vectors of Threefry-2x32-20 from Random123's kat_vectors (the ones jax's prng tests use).
describe('threefry2x32', () => {
  it('matches the Random123 known answers', () => {
    expect(hex(threefry2x32(0, 0, 0, 0))).toEqual(['6b200159', '99ba4efe']);
    expect(hex(threefry2x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff))).toEqual(['1cb996fc', 'bb002be7']);
    expect(hex(threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3))).toEqual(['c4923a9c', '483df7a0']);
  });
});
