// Type-check time of paper-nets.ts (the paper's unet_256 + 70x70 PatchGAN) and of the same imports without the
// nets, on TypeScript 7 (native) and 5.9, against the built packages (dist/*.d.ts, what a user of the published
// packages compiles against; run `npm run build` first) and against the sources (the `source` condition, as the
// repository's own type-check does). Prints the median of `--runs` (default 3) per cell, as a Markdown table.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const root = join(here, '..', '..', '..', '..', '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
if (!existsSync(join(root, 'packages', 'pix2pix', 'dist', 'index.d.ts'))) {
  console.error('typecheck:time: packages/*/dist is missing; run `npm run build` first (the dist rows compile against it)');
  process.exit(1);
}
const compilers = [
  ['TS 7 (native)', join(root, 'node_modules', 'typescript-native', 'bin', 'tsc')],
  ['TS 5.9', join(root, 'node_modules', 'typescript', 'bin', 'tsc')],
];
const field = (out, name) => {
  const m = out.match(new RegExp(`^${name}:\\s+([\\d.]+)`, 'm'));
  if (m === null) throw new Error(`no '${name}' in the compiler's diagnostics:\n${out}`);
  return Number(m[1]);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| file | types from | compiler | files | instantiations | check s | total s |');
console.log('|---|---|---|---|---|---|---|');
for (const file of ['paper-nets', 'same-imports-no-nets']) {
  for (const from of ['dist', 'source']) {
    for (const [label, tsc] of compilers) {
      const samples = [];
      for (let i = 0; i < runs; i += 1) {
        // A type error fails the run (execFileSync throws with the compiler's output).
        samples.push(execFileSync('node', [tsc, '-p', join(here, `tsconfig.${file}.${from}.json`), '--noEmit', '--extendedDiagnostics'], { encoding: 'utf8' }));
      }
      const last = samples[samples.length - 1];
      const check = median(samples.map((o) => field(o, 'Check time')));
      const total = median(samples.map((o) => field(o, 'Total time')));
      console.log(`| ${file}.ts | ${from} | ${label} | ${field(last, 'Files')} | ${field(last, 'Instantiations')} | ${check.toFixed(2)} | ${total.toFixed(2)} |`);
    }
  }
}
