import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdChromium } from '../../../test-support/chromium-lock';
import { SKIP_WEBGL } from './support/chromium-gate';
import { runCli } from './support/run-cli';

// The smoke preset (16 steps of unet_32 ngf 8 at 32x32) on synthetic data, on webgpu (the page trainer in
// headless Chromium, SwiftShader's Vulkan adapter) and on wasm, same seed. One page step differs from wasm by
// ~1e-7 relatively (@pix2pix-ts/browser's webgpu suite). Since issue 15's round 3 wasm runs batch norm as one
// fused kernel (double-precision sums) and webgpu as tfjs ops (float32), so the two differ by rounding from the
// first step, and Adam turns rounding-level differences in near-zero gradients into lr-sized steps: measured,
// the losses agree to 1e-7 at step 1, 2e-6 at step 7, 3e-5 at step 9 and 2.3e-4 at step 16 (it was 2e-6 over all
// 16 steps while both ran the same ops). So the first 4 steps are held to 1e-5 (a wrong kernel is off there),
// and all 16 to 1e-3 (drift, not error).
const TINY = ['--smoke', '--dataset_mode', 'synthetic', '--print_freq', '1'];
const LOSSES = ['G_GAN', 'G_L1', 'D_real', 'D_fake'] as const;
const FIRST_STEPS = 4;
const FIRST_STEPS_TOL = 1e-5;
const LOSS_TOL = 1e-3;

const runDirIn = (parent: string): string => {
  const [only] = readdirSync(parent);
  if (only === undefined) throw new Error(`no run folder in ${parent}`);
  return join(parent, only);
};
const json = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;

// Skipped only without Chromium (outside CI); Chromium without a WebGPU adapter fails the run (exit 1,
// "no WebGPU adapter …"), which fails this test.
describe.skipIf(SKIP_WEBGL)('pix2pix train --backend webgpu (headless Chromium, SwiftShader)', () => {
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    release = await holdChromium('cli/webgpu.test.ts');
  });
  afterAll(async () => {
    await release?.();
  });

  it('trains the smoke run in the page; losses step by step as a wasm run of the same seed', async () => {
    const roots = { webgpu: mkdtempSync(join(tmpdir(), 'pix2pix-webgpu-')), wasm: mkdtempSync(join(tmpdir(), 'pix2pix-wasm-')) };
    const gpu = await runCli(['train', ...TINY, '--backend', 'webgpu', '--runs_dir', roots.webgpu]);
    const cpu = await runCli(['train', ...TINY, '--backend', 'wasm', '--runs_dir', roots.wasm]);
    expect(gpu.code, gpu.stderr).toBe(0);
    expect(cpu.code, cpu.stderr).toBe(0);
    expect(gpu.stdout).toMatch(/^pix2pix train · backend: webgpu \(.+\) in headless Chromium/m);
    expect(gpu.stdout).toContain('Chromium closed; evaluating in Node from the final webgpu state');
    const a = runDirIn(roots.webgpu);
    const b = runDirIn(roots.wasm);
    expect(json(join(a, 'run.json'))).toMatchObject({ status: 'complete', backend: 'webgpu' });
    expect(existsSync(join(a, 'checkpoints', 'latest', 'weights.bin'))).toBe(true);
    type Bucket = Record<(typeof LOSSES)[number], number> & { readonly start: number };
    const buckets = (dir: string): Bucket[] => json(join(dir, 'history.json'))['buckets'] as Bucket[];
    const ha = buckets(a);
    const hb = buckets(b);
    expect(ha.map((x) => x.start)).toEqual([...Array(16).keys()]);
    expect(hb.map((x) => x.start)).toEqual(ha.map((x) => x.start));
    const differences = ha.map((x, i) => Math.max(...LOSSES.map((k) => Math.abs(x[k] - (hb[i]?.[k] ?? Number.NaN)) / Math.max(1e-3, Math.abs(x[k])))));
    const first = Math.max(...differences.slice(0, FIRST_STEPS));
    const worst = Math.max(...differences);
    console.log(`train --backend webgpu vs wasm: worst relative loss difference over the first ${FIRST_STEPS} steps ${first.toExponential(2)}, over 16 steps ${worst.toExponential(2)}`);
    expect(first).toBeLessThan(FIRST_STEPS_TOL);
    expect(worst).toBeLessThan(LOSS_TOL);
  });
});
