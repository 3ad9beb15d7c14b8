import * as tf from '@tensorflow/tfjs-core';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@pix2pix-ts/backends';
import { disposeTree, flattenTree, key, shaped } from '@pix2pix-ts/layers';
import { buildNets } from '@pix2pix-ts/pix2pix';
import { buildRunConfig, fitProblem, memoryLimitOf, networkCost, trainingBytes, WASM_HEAP_BYTES, type TrainOptions } from '../src/index';

const config = (o: TrainOptions) => {
  const r = buildRunConfig({ dataroot: 'd', ...o });
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const GiB = 2 ** 30;
const wasm16 = memoryLimitOf('wasm', 16 * GiB);

describe('fitProblem: a run that cannot fit is refused before any compute, naming the official options', () => {
  it('--batch_size larger than the training pairs (issue 16: it named the loader\'s batchSize and prefetch)', () => {
    expect(fitProblem(config({ batch_size: 100000 }), { pairs: 400, memory: wasm16 })).toBe('--batch_size 100000: more than the 400 training pairs; use --batch_size 400 or less');
    expect(fitProblem(config({ smoke: true, batch_size: 9 }), { pairs: 8, memory: wasm16 })).toBe('--batch_size 9: more than the 8 training pairs (--max_dataset_size 8); use --batch_size 8 or less');
    expect(fitProblem(config({ batch_size: 8 }), { pairs: 8, memory: wasm16 })).toBeUndefined();
  });

  it('a discriminator deeper than the crop allows', () => {
    expect(fitProblem(config({ smoke: true, n_layers_D: 5 }), { pairs: 8, memory: wasm16 })).toMatch(/^--n_layers_D 5 does not fit --crop_size 32: the discriminator would have no patch left .*; use a smaller --n_layers_D or a larger --crop_size$/);
    expect(fitProblem(config({ smoke: true, n_layers_D: 5, gan_mode: 'none' }), { pairs: 8, memory: wasm16 })).toBeUndefined();
    expect(fitProblem(config({ smoke: true, n_layers_D: 3 }), { pairs: 8, memory: wasm16 })).toBeUndefined();
  });

  it('memory: the paper configuration fits the wasm heap; --ngf 4096 on unet_256 does not, said in options', () => {
    expect(fitProblem(config({ preset: 'paper' }), { pairs: 400, memory: wasm16 })).toBeUndefined();
    const paper = trainingBytes(config({ preset: 'paper' }));
    expect(paper.weights).toBeGreaterThan(54e6); // unet_256 ngf 64: 54.4 M, + the 70x70 PatchGAN: 2.8 M
    expect(paper.weights).toBeLessThan(58e6);
    const huge = fitProblem(config({ preset: 'paper', ngf: 4096 }), { pairs: 400, memory: wasm16 });
    expect(huge).toMatch(/^--netG unet_256 --ngf 4096 --ndf 64 --crop_size 256 --batch_size 1: one training step needs at least [\d.]+ GiB \([\d.]+ G conv weights, each kept 4 times, and the activations\), more than the 4\.0 GiB the wasm backend can address; lower --ngf, --ndf, --crop_size or --batch_size$/);
    expect(fitProblem(config({ batch_size: 4096, crop_size: 1024, netG: 'unet_1024' }), { pairs: 5000, memory: memoryLimitOf('cpu', 16 * GiB) })).toMatch(/more than this machine's 16\.0 GiB of memory/);
  });

  it('memoryLimitOf: the wasm heap on wasm, the machine elsewhere', () => {
    expect(memoryLimitOf('wasm', 64 * GiB).bytes).toBe(WASM_HEAP_BYTES);
    expect(memoryLimitOf('wasm', 2 * GiB).bytes).toBe(2 * GiB);
    expect(memoryLimitOf('cpu', 64 * GiB).bytes).toBe(64 * GiB);
  });
});

describe('networkCost', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('counts exactly the conv kernels init allocates, and the output shape (any netG, netD, norm, sizes)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('unet_32', 'unet_64', 'resnet_6blocks', 'resnet_2blocks'),
        fc.constantFrom('basic', 'n_layers', 'pixel') as fc.Arbitrary<'basic' | 'n_layers' | 'pixel'>,
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('batch', 'instance', 'none') as fc.Arbitrary<'batch' | 'instance' | 'none'>,
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 2 }),
        (netG, netD, nLayersD, norm, ngf, batch) => {
          const c = config({ netG, netD, ...(netD === 'n_layers' ? { n_layers_D: nLayersD } : {}), norm, ngf, ndf: ngf + 1, crop_size: 64, batch_size: batch });
          const nets = buildNets(c.model);
          for (const [net, shape] of [
            [nets.generator, [batch, 64, 64, 3]],
            [nets.discriminator, [batch, 64, 64, 6]],
          ] as const) {
            const made = net.init(key(0), shape);
            const kernels = flattenTree(made.params)
              .filter(([p]) => p.endsWith('kernel'))
              .reduce((n, [, t]) => n + t.size, 0);
            const cost = networkCost(net, shape);
            expect(cost.weights).toBe(kernels);
            const y = net.apply(made.params, made.state, shaped(tf.zeros([...shape]), shape), { training: false });
            expect(E.isRight(cost.output) ? cost.output.right : cost.output.left).toEqual(y.y.shape);
            y.y.dispose();
            disposeTree(made.params);
            disposeTree(made.state);
          }
        },
      ),
      { seed: 16, numRuns: 12 },
    );
  });
});
