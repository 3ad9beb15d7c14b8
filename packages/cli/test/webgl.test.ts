import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdChromium } from '../../../test-support/chromium-lock';
import { useBackend } from '@pix2pix-ts/backends';
import { checkpointArtifacts, disposeState } from '@pix2pix-ts/pix2pix';
import { loadRunCheckpoint, resolveChromium, startWebgl, webglRunTrainer, type CliError } from '../src/node';
import { SKIP_WEBGL } from './support/chromium-gate';
import { runCli, type CliRun } from './support/run-cli';

// The smoke preset (16 steps of unet_32 ngf 8 at 32x32) on synthetic data: seconds on SwiftShader too.
const TINY = ['--smoke', '--dataset_mode', 'synthetic', '--print_freq', '1'];
const LOSSES = ['G_GAN', 'G_L1', 'D_real', 'D_fake'] as const;
// One step on webgl vs wasm differs by ~1e-6 relatively (see @pix2pix-ts/browser); over the 16 steps of a
// smoke run the losses of a webgl and a wasm run of the same seed were measured within 3e-5 of each other.
const LOSS_TOL = 1e-3;

const runDirIn = (parent: string): string => {
  const [only] = readdirSync(parent);
  if (only === undefined) throw new Error(`no run folder in ${parent}`);
  return join(parent, only);
};
const json = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
const bytesOf = (data: unknown): Buffer => Buffer.from(new Uint8Array(data as ArrayBuffer));
const must = async <A>(te: () => Promise<E.Either<CliError | Error, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/** `train` on `backend` in a fresh runs folder, Ctrl-C once `step 3/16` is printed. */
async function interrupted(backend: 'webgl' | 'wasm'): Promise<{ run: CliRun; dir: string }> {
  const root = mkdtempSync(join(tmpdir(), `pix2pix-${backend}-`));
  let sent = false;
  const run = await runCli(['train', ...TINY, '--backend', backend, '--runs_dir', root], (out, child) => {
    if (!sent && /^step 3\/16 /m.test(out)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  return { run, dir: runDirIn(root) };
}

describe('pix2pix train --backend webgl: finding Chromium', () => {
  it('says how to install Chromium when there is none (exit 1, nothing written)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pix2pix-nochromium-'));
    const [flag, env] = await Promise.all([
      runCli(['train', ...TINY, '--backend', 'webgl', '--runs_dir', root, '--chromium', join(root, 'no-chromium')]),
      runCli(['train', ...TINY, '--backend', 'webgl', '--runs_dir', root], undefined, { PIX2PIX_CHROMIUM: join(root, 'nope') }),
    ]);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toBe(
      `pix2pix: --backend webgl: --chromium ${join(root, 'no-chromium')}: no such file (Chromium runs the WebGL training); install it with \`apt-get install -y chromium\`, or pass --chromium PATH (or set PIX2PIX_CHROMIUM)\n`,
    );
    expect(env.code).toBe(1);
    expect(env.stderr).toMatch(/^pix2pix: --backend webgl: PIX2PIX_CHROMIUM=.*nope: no such file .*apt-get install -y chromium/);
    expect(readdirSync(root)).toEqual([]);
    const none = resolveChromium({ flag: undefined, env: undefined, candidates: ['/a/chromium', '/b/chrome'], exists: () => false });
    expect(none).toEqual(
      E.left({
        _tag: 'Backend',
        message: '--backend webgl trains in headless Chromium, and none was found (looked at /a/chromium, /b/chrome): install it with `apt-get install -y chromium`, or pass --chromium PATH (or set PIX2PIX_CHROMIUM)',
      }),
    );
    expect(resolveChromium({ flag: undefined, env: '/x', candidates: ['/a'], exists: (p) => p === '/x' || p === '/a' })).toEqual(E.right('/x'));
  });
});

describe.skipIf(SKIP_WEBGL)('pix2pix train --backend webgl (headless Chromium, SwiftShader)', () => {
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    release = await holdChromium('cli/webgl.test.ts');
  });
  afterAll(async () => {
    await release?.();
  });
  it('Ctrl-C saves; webgl checkpoints resume on wasm and wasm ones on webgl, exactly; both end where the other ends', async () => {
    // A: webgl, interrupted; B: wasm, interrupted.
    const [a, b] = await Promise.all([interrupted('webgl'), interrupted('wasm')]);
    expect(a.run.code, a.run.stderr).toBe(130);
    expect(b.run.code, b.run.stderr).toBe(130);
    expect(a.run.stdout).toMatch(/^pix2pix train · backend: webgl \(.+\) in headless Chromium/m);
    expect(a.run.stdout).toContain('data, checkpoints, samples and eval in Node on wasm');
    expect(a.run.stderr).toMatch(/pix2pix: interrupted at iteration \d+ of 16: saved .*checkpoints\/latest\. Continue with: pix2pix train --resume /);
    const aStep = json(join(a.dir, 'run.json'))['step'] as number;
    const bStep = json(join(b.dir, 'run.json'))['step'] as number;
    expect(aStep).toBeGreaterThanOrEqual(3);
    expect(aStep).toBeLessThanOrEqual(6);
    expect(json(join(a.dir, 'run.json'))['status']).toBe('interrupted');
    expect(existsSync(join(a.dir, 'report.html'))).toBe(true);

    // The webgl checkpoint, read on wasm, is exactly what was saved (re-encoded: the same bytes).
    await useBackend('wasm');
    const latest = (dir: string): string => join(dir, 'checkpoints', 'latest');
    const onWasm = await must(loadRunCheckpoint(latest(a.dir)));
    expect(onWasm.state.step).toBe(aStep);
    const reencoded = await checkpointArtifacts(onWasm.state, onWasm.config);
    disposeState(onWasm.state);
    expect(bytesOf(reencoded.weightData).equals(readFileSync(join(latest(a.dir), 'weights.bin')))).toBe(true);

    // The wasm checkpoint, loaded into the page and saved back from it: the same bytes too.
    const fromWasm = await must(loadRunCheckpoint(latest(b.dir)));
    const { session } = await must(startWebgl(undefined));
    try {
      await must(webglRunTrainer(session, fromWasm.config, fromWasm.state));
      const back = await must(session.save());
      expect(back.modelTopology).toEqual(json(join(latest(b.dir), 'model.json'))['modelTopology']);
      expect(bytesOf(back.weightData).equals(readFileSync(join(latest(b.dir), 'weights.bin')))).toBe(true);
    } finally {
      disposeState(fromWasm.state);
      await session.close()();
    }

    // A goes on on wasm, B on webgl: both finish the 16 steps.
    const [aOn, bOn] = await Promise.all([
      runCli(['train', '--resume', a.dir, '--backend', 'wasm']),
      runCli(['train', '--resume', b.dir, '--backend', 'webgl']),
    ]);
    expect(aOn.code, aOn.stderr).toBe(0);
    expect(bOn.code, bOn.stderr).toBe(0);
    expect(aOn.stdout).toContain(`continuing at iteration ${aStep}`);
    expect(bOn.stdout).toContain(`continuing at iteration ${bStep}`);
    expect(bOn.stdout).toContain('Chromium closed; evaluating in Node');
    const segments = (dir: string): unknown => json(join(dir, 'run.json'))['segments'];
    expect(segments(a.dir)).toMatchObject([{ backend: 'webgl', fromStep: 0, toStep: aStep }, { backend: 'wasm', fromStep: aStep, toStep: 16 }]);
    expect(segments(b.dir)).toMatchObject([{ backend: 'wasm', fromStep: 0, toStep: bStep }, { backend: 'webgl', fromStep: bStep, toStep: 16 }]);
    for (const dir of [a.dir, b.dir]) {
      expect(json(join(dir, 'run.json'))['status']).toBe('complete');
      expect(existsSync(join(dir, 'metrics.json'))).toBe(true);
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('webgl');
      expect(existsSync(join(dir, 'samples', 'epoch-002.png'))).toBe(true);
    }

    // Same seed, same data: webgl-then-wasm and wasm-then-webgl trained the same model, step by step.
    type Bucket = Record<(typeof LOSSES)[number], number> & { readonly start: number };
    const buckets = (dir: string): Bucket[] => json(join(dir, 'history.json'))['buckets'] as Bucket[];
    const ha = buckets(a.dir);
    const hb = buckets(b.dir);
    expect(ha.map((x) => x.start)).toEqual([...Array(16).keys()]);
    expect(hb.map((x) => x.start)).toEqual(ha.map((x) => x.start));
    let worst = 0;
    ha.forEach((x, i) => {
      for (const k of LOSSES) worst = Math.max(worst, Math.abs(x[k] - (hb[i]?.[k] ?? Number.NaN)) / Math.max(1e-3, Math.abs(x[k])));
    });
    console.log(`webgl→wasm vs wasm→webgl (stopped at ${aStep} / ${bStep}): worst relative loss difference over 16 steps ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(LOSS_TOL);
  });
});
