import { describe, expect, it } from 'vitest';
import { key } from '@pix2pix-ts/random';
import { CMP_PALETTE, paintLabels, renderSyntheticPhoto, synthetic, syntheticLabels, syntheticPair } from '../src/index';
import { unwrap, unwrapLeft } from './support/either';

describe('the synthetic paired set', () => {
  it('is deterministic per (seed, index) and differs between indices', () => {
    const a = syntheticPair(1, 2, 64);
    expect(syntheticPair(1, 2, 64)).toEqual(a);
    expect(syntheticPair(1, 3, 64).b.data).not.toEqual(a.b.data);
    expect(syntheticPair(2, 2, 64).b.data).not.toEqual(a.b.data);
  });

  it('the rendered photo is a function of the label map (same labels, same photo), labels use the CMP palette', () => {
    const labels = syntheticLabels(key(5), 48);
    expect(renderSyntheticPhoto(labels, 48)).toEqual(renderSyntheticPhoto(Uint8Array.from(labels), 48));
    const painted = paintLabels(labels, 48);
    const colours = new Set<string>();
    for (let i = 0; i < painted.data.length; i += 3) colours.add(`${painted.data[i]},${painted.data[i + 1]},${painted.data[i + 2]}`);
    const palette = new Set(CMP_PALETTE.map((c) => c.join(',')));
    for (const c of colours) expect(palette.has(c)).toBe(true);
    expect(colours.size).toBeGreaterThan(3);
    for (const cls of labels) expect(cls).toBeLessThan(12);
  });

  it('the palette matches the colours measured on the Facades label halves', () => {
    const measured = ['0,0,223', '0,48,255', '0,128,255', '0,207,255', '191,255,64', '255,159,0', '255,80,0', '175,0,0'];
    const palette = CMP_PALETTE.map((c) => c.join(','));
    for (const m of measured) expect(palette).toContain(m);
  });

  it('sources decode their options with io-ts', () => {
    expect(unwrap(synthetic({ count: 3, size: 16 })).entries.map((e) => e.id)).toEqual(['synthetic/0/0', 'synthetic/0/1', 'synthetic/0/2']);
    expect(unwrapLeft(synthetic({ count: 0 })).message).toBe('invalid synthetic options: count: expected an integer in [1, 1000000], got 0');
    expect(unwrapLeft(synthetic({ colour: 'red' } as never)).message).toMatch(/unknown key "colour"/);
  });
});
