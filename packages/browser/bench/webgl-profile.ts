// Where a webgl training step's time goes, kernel by kernel (each kernel waits for the GPU, so the
// profiled step is slower than a plain one; the plain median is printed too).
//
//   npx tsx --conditions=source bench/webgl-profile.ts [a|b] [--steps 3] [--by-shape Conv2D,BatchMatMul]
import * as E from 'fp-ts/Either';
import { fileURLToPath } from 'node:url';
import { openBrowserPage } from '../src/node';

const CONFIGS = { a: { size: 64, depth: 6, ngf: 16, ndf: 16 }, b: { size: 128, depth: 7, ngf: 32, ndf: 32 } } as const;
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const configName = process.argv[2] === 'b' ? 'b' : 'a';
const steps = Number(arg('steps', '3'));
const byShape = arg('by-shape', '').split(',').filter((s) => s !== '');

const opened = await openBrowserPage({ script: { entry: fileURLToPath(new URL('./webgl-profile-page.ts', import.meta.url)) } })();
if (E.isLeft(opened)) throw opened.left;
const session = opened.right;
try {
  const req = { ...CONFIGS[configName], steps, warmup: 2, byShape };
  const r = (await session.page.evaluate(async (q) => {
    const f: unknown = Reflect.get(globalThis, 'pix2pixProfile');
    if (typeof f !== 'function') throw new Error('pix2pixProfile missing');
    const out: unknown = await Reflect.apply(f, undefined, [q]);
    return out;
  }, req)) as { medianMs: number; profiledMs: number; rows: { name: string; ms: number; calls: number }[] }; // the page's own return type
  const inKernels = r.rows.reduce((s, x) => s + x.ms, 0);
  console.log(`webgl config ${configName}: plain median ${r.medianMs.toFixed(0)} ms/step; profiled ${r.profiledMs.toFixed(0)} ms/step, ${inKernels.toFixed(0)} in kernels`);
  for (const row of r.rows) {
    if (row.ms < 0.5) continue;
    console.log(`  ${row.name.padEnd(byShape.length > 0 ? 70 : 24)} ${row.ms.toFixed(1).padStart(8)} ms ${((100 * row.ms) / r.profiledMs).toFixed(1).padStart(5)}% ${row.calls.toFixed(0).padStart(5)} calls`);
  }
} finally {
  await session.close()();
}
