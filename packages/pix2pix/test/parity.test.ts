import * as tf from '@tensorflow/tfjs-core';
import { disposeTree, fromLeaves, key, leaves, mapTree, untyped, type AnyLayer, type ParamTree } from '@pix2pix-ts/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adamInit, adamStep, initTrainState, makeDetailedTrainStep, officialLayout, patchGanOf, PAPER_OBJECTIVE, unetGeneratorOf, type NormKind, type OfficialNet } from '../src/index';
import { NODE_BACKENDS, onBackend, WASM_2_THREADS } from './support/backends';
import { loadParityCase, maxAbsDiff, relDiff, type ParityCase } from './support/fixtures';
import { sharedDir } from './support/shared';

const shared = sharedDir();
if (shared === undefined) console.log('parity tests skipped: ../shared/fixtures not found (set PIX2PIX_SHARED)');

/** Largest errors seen per backend, printed at the end so the closing note can quote them. */
const report: string[] = [];

function loadTree(c: ParityCase, like: ParamTree, prefix: string): ParamTree {
  const names = c.withPrefix(prefix);
  const own = leaves(like);
  expect(names.length, `${prefix}: ${names.length} fixture tensors vs ${own.length} of ours`).toBe(own.length);
  return fromLeaves(like, names.map((n) => c.tensor(n)));
}

/**
 * A tree of ours filled from the fixture by official name: each leaf's key comes from `officialLayout`, the
 * same mapping the `.pth` reader and writer use, so the parity fixtures check that mapping too.
 */
function loadByName(c: ParityCase, like: ParamTree, prefix: string, spec: OfficialNet, tree: 'params' | 'state'): ParamTree {
  const keyOf = new Map(officialLayout(spec).filter((e) => e.tree === tree).map((e) => [e.path, e.key]));
  return mapTree(like, (_t, path) => c.tensor(`${prefix}${keyOf.get(path) ?? `<no official name for ${path}>`}`));
}

interface NetCase {
  readonly name: string;
  readonly build: () => AnyLayer;
  readonly spec: OfficialNet;
  readonly training: boolean;
}

const unet = (depth: number, ngf: number, norm: NormKind) => () => unetGeneratorOf({ depth, ngf, outChannels: 3, norm, dropout: false });
const unetSpec = (downs: number, ngf: number, norm: NormKind): OfficialNet => ({ net: 'unet', downs, ngf, inputNc: 3, outputNc: 3, norm, dropout: false });
const disc = (nLayers: number) => () => patchGanOf({ nLayers, ndf: 8, norm: 'batch' });
const discSpec = (nLayers: number): OfficialNet => (nLayers === 0 ? { net: 'pixel', ndf: 8, inputNc: 6, norm: 'batch' } : { net: 'n_layers', nLayers, ndf: 8, inputNc: 6, norm: 'batch' });

const FORWARD_CASES: readonly NetCase[] = [
  { name: 'unet5_ngf8_batch_train', build: unet(5, 8, 'batch'), spec: unetSpec(5, 8, 'batch'), training: true },
  { name: 'unet5_ngf8_batch_eval', build: unet(5, 8, 'batch'), spec: unetSpec(5, 8, 'batch'), training: false },
  { name: 'unet256_ngf4_batch_train', build: unet(8, 4, 'batch'), spec: unetSpec(8, 4, 'batch'), training: true },
  { name: 'unet128_ngf4_instance', build: unet(7, 4, 'instance'), spec: unetSpec(7, 4, 'instance'), training: true },
  { name: 'patchgan_n0_ndf8_batch', build: disc(0), spec: discSpec(0), training: true },
  { name: 'patchgan_n1_ndf8_batch', build: disc(1), spec: discSpec(1), training: true },
  { name: 'patchgan_n3_ndf8_batch', build: disc(3), spec: discSpec(3), training: true },
];

describe.skipIf(shared === undefined).each([...NODE_BACKENDS, WASM_2_THREADS])('parity with the official implementation on %s', (backend) => {
  beforeAll(() => onBackend(backend));

  it.each(FORWARD_CASES)('$name: forward output (1e-4 abs) and running statistics', ({ name, build, spec, training }) => {
    const c = loadParityCase(shared as string, name);
    const net = untyped(build());
    const input = c.tensor('input');
    const fresh = net.init(key(0), input.shape);
    // By official name (the .pth mapping), then checked against the file order the older loader relied on.
    const params = loadByName(c, fresh.params, 'net.param.', spec, 'params');
    const state = leaves(fresh.state).length === 0 ? fresh.state : loadByName(c, fresh.state, 'net.buffer.', spec, 'state');
    const inOrder = loadTree(c, fresh.params, 'net.param.');
    leaves(inOrder).forEach((t, i) => expect(maxAbsDiff(t, leaves(params)[i] as tf.Tensor), `param ${i} by name vs by order`).toBe(0));
    disposeTree(inOrder);
    disposeTree(fresh.params);
    disposeTree(fresh.state);
    const out = net.apply(params, state, input as never, { training });
    const expected = c.tensor('output');
    const err = maxAbsDiff(out.y, expected);
    report.push(`${backend} ${name}: forward max abs ${err.toExponential(2)}`);
    expect(err).toBeLessThan(1e-4);
    if (training && leaves(state).length > 0) {
      const after = c.withPrefix('net.buffer_after.').map((n) => c.tensor(n));
      leaves(out.state).forEach((t, i) => expect(maxAbsDiff(t, after[i] as tf.Tensor), `running stat ${i}`).toBeLessThan(1e-4));
      tf.dispose(after);
    }
    tf.dispose([input, expected, out.y]);
    if (out.state !== state) disposeTree(out.state);
    disposeTree(params);
    disposeTree(state);
  });

  it('one full training step: losses (1e-4 rel), fake_B, gradients (1e-3 rel), params after Adam', () => {
    const c = loadParityCase(shared as string, 'train_step_unet5_basic_vanilla');
    const nets = { generator: unetGeneratorOf({ depth: 5, ngf: 8, outChannels: 3, dropout: false }), discriminator: patchGanOf({ nLayers: 3, ndf: 8 }) };
    const a = c.tensor('A') as tf.Tensor4D;
    const b = c.tensor('B') as tf.Tensor4D;
    const fresh = initTrainState(nets, key(0), a.shape, 3);
    const state = {
      ...fresh,
      g: { params: loadTree(c, fresh.g.params, 'G.param.'), state: loadTree(c, fresh.g.state, 'G.buffer.') },
      d: { params: loadTree(c, fresh.d.params, 'D.param.'), state: loadTree(c, fresh.d.state, 'D.buffer.') },
    };
    const step = makeDetailedTrainStep(nets, PAPER_OBJECTIVE, true);
    const r = step(state, { a, b });
    const losses = c.meta['losses'] as Record<string, number>;
    for (const k of ['G_GAN', 'G_L1', 'D_real', 'D_fake', 'G', 'D'] as const) {
      const rel = Math.abs(r.metrics[k] - (losses[k] ?? Number.NaN)) / Math.abs(losses[k] ?? 1);
      report.push(`${backend} train step loss ${k}: rel ${rel.toExponential(2)}`);
      expect(rel, k).toBeLessThan(1e-4);
    }
    const d = r.details;
    if (d === undefined) throw new Error('no details');
    const fakeErr = maxAbsDiff(d.fake, c.tensor('fake_B'));
    expect(fakeErr).toBeLessThan(1e-4);
    expect(maxAbsDiff(d.predFake, c.tensor('D.pred_fake'))).toBeLessThan(1e-4);
    expect(maxAbsDiff(d.predReal, c.tensor('D.pred_real'))).toBeLessThan(1e-4);
    const compare = (tree: ParamTree, prefix: string, tol: number, what: string, metric: 'rel' | 'abs' = 'rel'): number => {
      const names = c.withPrefix(prefix);
      let worst = 0;
      leaves(tree).forEach((t, i) => {
        const e = (metric === 'rel' ? relDiff : maxAbsDiff)(t, c.tensor(names[i] as string));
        worst = Math.max(worst, e);
        expect(e, `${what} ${names[i]}`).toBeLessThan(tol);
      });
      report.push(`${backend} train step ${what}: max ${metric} ${worst.toExponential(2)}`);
      return worst;
    };
    compare(d.gradsG, 'G.grad.', 1e-3, 'G gradients');
    compare(d.gradsD, 'D.grad.', 1e-3, 'D gradients');
    // Adam's first step moves each weight by about lr·g/(|g| + ε) = ±lr: where |g| is within float32
    // noise of ε (a few weights have |g| ≈ 1e-8) the direction is noise. So Adam itself is checked on
    // the official gradients (exact), and the end-to-end result to half a step (lr/2 = 1e-4): a wrong
    // or missing update of any well-determined weight is off by lr or more.
    for (const net of ['G', 'D'] as const) {
      const like = net === 'G' ? state.g.params : state.d.params;
      const p0 = fromLeaves(like, c.withPrefix(`${net}.param.`).map((n) => c.tensor(n)));
      const g0 = fromLeaves(like, c.withPrefix(`${net}.grad.`).map((n) => c.tensor(n)));
      const stepped = adamStep(p0, g0, adamInit(p0), PAPER_OBJECTIVE.adam);
      compare(stepped.params, `${net}.param_after.`, 1e-6, `${net} Adam on the official gradients`, 'abs');
    }
    // End to end: every weight whose official gradient is well determined (|g| ≥ 3e-8, three times
    // Adam's ε, or exactly 0) to half a step; the few with 0 < |g| < 3e-8, whose direction is
    // float32 noise (see above; e.g. an official -1.3e-8 where wasm's float32 sums give 0), to the
    // full range of one step (2·lr), which still catches a missing or doubled update.
    const afterStep = (tree: ParamTree, net: 'G' | 'D'): void => {
      const names = c.withPrefix(`${net}.param_after.`);
      let worst = 0;
      let noisy = 0;
      leaves(tree).forEach((t, i) => {
        const name = names[i] as string;
        const [got, ref, g] = [t.dataSync(), c.tensor(name).dataSync(), c.tensor(name.replace('param_after', 'grad')).dataSync()];
        got.forEach((x, j) => {
          const e = Math.abs(x - (ref[j] ?? Number.NaN));
          const gj = Math.abs(g[j] ?? 0);
          const determined = gj === 0 || gj >= 3e-8;
          if (determined) worst = Math.max(worst, e);
          else noisy++;
          expect(e, `${net} params after the whole step ${name}[${j}] (official grad ${g[j] ?? Number.NaN})`).toBeLessThan(determined ? 1e-4 : 4.01e-4);
        });
      });
      report.push(`${backend} train step ${net} params after the whole step: max abs ${worst.toExponential(2)} (${noisy} weights with 0 < |g| < 3e-8 checked to one full step)`);
    };
    afterStep(r.state.g.params, 'G');
    afterStep(r.state.d.params, 'D');
    compare(r.state.g.state, 'G.buffer_after.', 1e-4, 'G running stats after', 'abs');
    compare(r.state.d.state, 'D.buffer_after.', 1e-4, 'D running stats after', 'abs');
  });

  afterAll(() => console.log(report.filter((l) => l.startsWith(backend)).join('\n')));
});
