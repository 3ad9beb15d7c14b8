import { useBackend } from '@pix2pix-ts/backends';
import { disposeTree, key, shaped } from '@pix2pix-ts/layers';
import { patchGanOf, translate, unetGeneratorOf } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { configById, type BenchConfig } from '../src/configs';
import { configFlops, forwardFlops, macs, patchGanConvs, unetConvs } from '../src/flops';
import { patchGanModel, unetModel } from '../src/keras-peer';

/** FLOPs of the conv kernels a forward ran, read off tf.profile's shapes (2·MACs each). */
async function profiledConvFlops(f: () => tf.Tensor): Promise<number> {
  const info = await tf.profile(() => {
    const y = f();
    y.dispose();
  });
  let flops = 0;
  for (const k of info.kernels) {
    const [x, filter] = k.inputShapes;
    const out = k.outputShapes[0];
    if (x == null || filter == null || out === undefined) continue;
    const filterSize = filter.reduce((p, d) => p * d, 1);
    // Conv2D / FusedConv2D: output spatial × filter; Conv2DBackpropInput (a transposed conv's forward): input (dy) spatial × filter.
    if (k.name === 'Conv2D' || k.name === 'FusedConv2D') flops += 2 * (out[0] ?? 0) * (out[1] ?? 0) * (out[2] ?? 0) * filterSize;
    if (k.name === 'Conv2DBackpropInput') flops += 2 * (x[0] ?? 0) * (x[1] ?? 0) * (x[2] ?? 0) * filterSize;
  }
  return flops;
}

const small: BenchConfig = { ...configById('q'), size: 64, depth: 6, ngf: 4, ndf: 4 };

describe('FLOP counting', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('counts a conv and a transposed conv by hand', () => {
    const conv = { kind: 'conv', n: 1, hIn: 8, wIn: 8, cIn: 3, hOut: 4, wOut: 4, cOut: 5, k: 4 } as const;
    expect(macs(conv)).toBe(4 * 4 * 5 * 16 * 3);
    expect(macs({ ...conv, kind: 'convT', hIn: 4, wIn: 4, hOut: 8, wOut: 8 })).toBe(4 * 4 * 3 * 16 * 5);
  });

  it('lists the official shapes: U-Net 256 down to 1x1 and back, the 70x70 PatchGAN ending at 30x30', () => {
    const g = unetConvs(256, 8, 64);
    expect(g).toHaveLength(16);
    expect(g[7]).toMatchObject({ hIn: 2, hOut: 1, cIn: 512, cOut: 512 });
    expect(g[8]).toMatchObject({ kind: 'convT', hIn: 1, cIn: 512, cOut: 512 });
    expect(g[15]).toMatchObject({ kind: 'convT', hIn: 128, hOut: 256, cIn: 128, cOut: 3 });
    const d = patchGanConvs(256, 3, 64);
    expect(d.map((c) => [c.hOut, c.cOut])).toEqual([[128, 64], [64, 128], [32, 256], [31, 512], [30, 1]]);
  });

  it("matches the conv kernels our generator and discriminator run (tf.profile's shapes)", async () => {
    const G = unetGeneratorOf({ depth: small.depth, ngf: small.ngf, outChannels: 3 });
    const D = patchGanOf({ nLayers: 3, ndf: small.ndf });
    const g = G.init(key(0), [1, small.size, small.size, 3]);
    const d = D.init(key(1), [1, small.size, small.size, 6]);
    const x = tf.zeros([1, small.size, small.size, 3]) as tf.Tensor4D;
    const xy = shaped(tf.zeros([1, small.size, small.size, 6]), [1, small.size, small.size, 6]);
    expect(await profiledConvFlops(() => translate(G, g, x, { dropout: false }))).toBe(forwardFlops(unetConvs(small.size, small.depth, small.ngf)));
    expect(await profiledConvFlops(() => D.apply(d.params, d.state, xy, { training: false }).y)).toBe(forwardFlops(patchGanConvs(small.size, 3, small.ndf)));
    tf.dispose([x, xy]);
    for (const t of [g.params, g.state, d.params, d.state]) disposeTree(t);
  });

  it('matches the conv kernels of the tfjs-layers peer', async () => {
    const G = unetModel(small.size, small.depth, small.ngf);
    const D = patchGanModel(small.size, 3, small.ndf);
    const x = tf.zeros([1, small.size, small.size, 3]);
    const xy = tf.zeros([1, small.size, small.size, 6]);
    expect(await profiledConvFlops(() => G.predict(x) as tf.Tensor)).toBe(forwardFlops(unetConvs(small.size, small.depth, small.ngf)));
    expect(await profiledConvFlops(() => D.predict(xy) as tf.Tensor)).toBe(forwardFlops(patchGanConvs(small.size, 3, small.ndf)));
    expect(D.outputs[0]?.shape).toEqual([null, 6, 6, 1]);
    tf.dispose([x, xy]);
    G.dispose();
    D.dispose();
  });

  it("counts a training step as 3F_G − F_G1 + 8F_D − 2F_D1 (the paper's 256/64: G forward ≈ 12.1 GFLOP)", () => {
    const c = configFlops(configById('c'));
    const g = unetConvs(256, 8, 64);
    const d = patchGanConvs(256, 3, 64);
    const first = (xs: typeof g): number => forwardFlops(xs.slice(0, 1));
    expect(c.trainStep).toBe(3 * forwardFlops(g) - first(g) + 8 * forwardFlops(d) - 2 * first(d));
    expect(c.generatorForward / 1e9).toBeCloseTo(12.1, 1);
  });
});
