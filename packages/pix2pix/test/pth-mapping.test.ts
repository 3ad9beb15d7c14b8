import * as tf from '@tensorflow/tfjs-core';
import { countParams, disposeTree, flattenTree, key, shaped } from '@pix2pix-ts/layers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildOfficialNet,
  exportPth,
  importPth,
  minimalInputSide,
  officialLayout,
  patchGan,
  readPth,
  type NormKind,
  type OfficialNet,
} from '../src/index';
import { onBackend } from './support/backends';

const NORMS: readonly NormKind[] = ['batch', 'instance', 'none'];

/** Any network the official code can name (and ours at other depths / block counts), at small widths. */
const specArb: fc.Arbitrary<OfficialNet> = fc.oneof(
  fc.record({
    net: fc.constant('unet' as const),
    downs: fc.integer({ min: 5, max: 8 }),
    ngf: fc.integer({ min: 1, max: 3 }),
    inputNc: fc.integer({ min: 1, max: 4 }),
    outputNc: fc.integer({ min: 1, max: 4 }),
    norm: fc.constantFrom(...NORMS),
    dropout: fc.constant(true),
  }),
  fc.record({
    net: fc.constant('resnet' as const),
    blocks: fc.integer({ min: 1, max: 9 }),
    ngf: fc.integer({ min: 1, max: 3 }).map((n) => 2 * n),
    inputNc: fc.integer({ min: 1, max: 4 }),
    outputNc: fc.integer({ min: 1, max: 4 }),
    norm: fc.constantFrom(...NORMS),
    dropout: fc.boolean(),
  }),
  fc.record({
    net: fc.constant('n_layers' as const),
    nLayers: fc.integer({ min: 1, max: 6 }),
    ndf: fc.integer({ min: 1, max: 3 }),
    inputNc: fc.integer({ min: 1, max: 6 }),
    norm: fc.constantFrom(...NORMS),
  }),
  fc.record({ net: fc.constant('pixel' as const), ndf: fc.integer({ min: 1, max: 4 }), inputNc: fc.integer({ min: 1, max: 6 }), norm: fc.constantFrom(...NORMS) }),
);

const inputNcOf = (s: OfficialNet): number => s.inputNc;

/** Our network for a spec, initialised from a seed, with batch-norm statistics moved off their defaults. */
function ours(spec: OfficialNet, seed: number) {
  const net = buildOfficialNet(spec);
  const side = minimalInputSide(spec);
  const init = net.init(key(seed), [1, side, side, inputNcOf(spec)]);
  const state = flattenTree(init.state).length === 0 ? init.state : tf.tidy(() => {
    const x = shaped(tf.randomUniform([2, side, side, inputNcOf(spec)], -1, 1, 'float32', seed), [2, side, side, inputNcOf(spec)]);
    return net.apply(init.params, init.state, x, { training: true, dropout: false, key: key(seed) }).state as tf.TensorContainer;
  });
  if (state !== init.state) disposeTree(init.state);
  return { params: init.params, state: state as typeof init.state };
}

describe('official layouts and our trees agree for every network', () => {
  beforeAll(() => onBackend('cpu'));

  it('export -> import: the network is inferred back, every tensor identical, every parameter counted', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 0, max: 1000 }), (spec, seed) => {
        const vars = ours(spec, seed);
        const layout = officialLayout(spec);
        // The official state dict holds exactly our parameters and statistics (plus one count per batch norm).
        const stats = layout.filter((e) => e.tree !== 'params');
        const size = (es: typeof layout) => es.reduce((n, e) => n + e.shape.reduce((a, b) => a * b, 1), 0);
        expect(size(layout.filter((e) => e.tree === 'params'))).toBe(countParams(vars.params));
        expect(size(stats.filter((e) => e.tree === 'state'))).toBe(countParams(vars.state));
        const bytes = exportPth(spec, vars, { numBatchesTracked: BigInt(seed) });
        const back = importPth(bytes);
        if (back._tag === 'Left') throw new Error(back.left.message);
        expect(back.right.spec).toEqual(spec);
        for (const tree of ['params', 'state'] as const) {
          const a = flattenTree(vars[tree]);
          const b = flattenTree(back.right.vars[tree]);
          expect(b.map(([p]) => p)).toEqual(a.map(([p]) => p));
          a.forEach(([p, t], i) => expect(b[i]?.[1].dataSync(), p).toEqual(t.dataSync()));
        }
        expect([...back.right.numBatchesTracked.values()].every((n) => n === BigInt(seed))).toBe(true);
        disposeTree(vars.params);
        disposeTree(vars.state);
        disposeTree(back.right.vars.params);
        disposeTree(back.right.vars.state);
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('a float16 file exported again as float16 is the same file, byte for byte', () => {
    const spec: OfficialNet = { net: 'pixel', ndf: 4, inputNc: 6, norm: 'batch' };
    const vars = ours(spec, 3);
    const half = exportPth(spec, vars, { dtype: 'float16', numBatchesTracked: 7n });
    const imported = importPth(half);
    if (imported._tag === 'Left') throw new Error(imported.left.message);
    const again = exportPth(spec, imported.right.vars, { dtype: 'float16', numBatchesTracked: imported.right.numBatchesTracked });
    expect(again).toEqual(half);
    const read = readPth(again);
    expect(read._tag === 'Right' && [...read.right.stateDict.values()].map((t) => t.dtype)).toEqual(['float16', 'float16', 'float16', 'float16', 'float16', 'float16', 'float16', 'int64', 'float16']);
    disposeTree(vars.params);
    disposeTree(vars.state);
    disposeTree(imported.right.vars.params);
    disposeTree(imported.right.vars.state);
  });

  it("norm 'none': convs without bias, as the official use_bias (only InstanceNorm) — parameter counts match", () => {
    // 70x70 PatchGAN, ndf 64, 6 input channels: the official network has 2,766,913 parameters without norm (PyTorch's count; 2,767,809 with the biases it lacks).
    const d = patchGan({ nLayers: 3, ndf: 64, norm: 'none' });
    const { params } = d.init(key(0), [1, 64, 64, 6]);
    expect(countParams(params)).toBe(2_766_913);
    disposeTree(params);
  });

  it('variables that do not fit the spec are an error naming the path and both shapes', () => {
    const spec: OfficialNet = { net: 'pixel', ndf: 4, inputNc: 6, norm: 'batch' };
    const vars = ours({ ...spec, ndf: 5 }, 1);
    expect(() => exportPth(spec, vars)).toThrow(/params '0\.kernel' \(official 'net\.0\.weight'\) has shape \[1, 1, 6, 5\], the network needs \[1, 1, 6, 4\]/);
    disposeTree(vars.params);
    disposeTree(vars.state);
  });
});
