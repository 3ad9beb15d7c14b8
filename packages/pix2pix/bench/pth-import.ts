/**
 * Import time of official `.pth` checkpoints: reading the file, the container and pickle, decoding the
 * storages (`readPth`), then the whole import into tfjs variables (`importPth`: normalise, infer the
 * network, permute filters, make tensors) and the export back (`exportPth`). Issue 13 asks for the figure
 * on a `unet_256` ngf 64 checkpoint (217 MB), e.g. one written by PyTorch:
 *
 *   /usr/bin/python3 -c "import sys, torch; sys.path.insert(0, '../shared/tools'); import official_nets as o; \
 *     torch.save(o.build('unet_256').state_dict(), '/tmp/unet256.pth')"
 *   flock /tmp/pix2pix-cpu.lock npx tsx --conditions=source packages/pix2pix/bench/pth-import.ts \
 *     [--backend wasm|cpu] [--runs 3] /tmp/unet256.pth [more.pth ...]
 *
 * Prints the median and range per file and stage.
 */
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@pix2pix-ts/backends';
import { disposeTree } from '@pix2pix-ts/layers';
import { readFile } from 'node:fs/promises';
import { describeOfficialNet, exportPth, importPth, readPth } from '../src/index';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args.splice(i, 2)[1] ?? fallback) : fallback;
};
const backend = option('backend', 'wasm');
const runs = Number(option('runs', '3'));
if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--backend must be wasm or cpu, got ${backend}`);
if (args.length === 0) throw new Error('usage: pth-import.ts [--backend wasm|cpu] [--runs N] FILE.pth ...');
await useBackend(backend);

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const fmt = (xs: readonly number[]): string => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

for (const file of args) {
  const times = { read: [] as number[], parse: [] as number[], import: [] as number[], export: [] as number[] };
  let line = '';
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const bytes = new Uint8Array(await readFile(file));
    times.read.push(performance.now() - t);
    t = performance.now();
    const parsed = readPth(bytes);
    times.parse.push(performance.now() - t);
    if (parsed._tag === 'Left') throw new Error(parsed.left.message);
    t = performance.now();
    const imported = importPth(bytes);
    times.import.push(performance.now() - t);
    if (imported._tag === 'Left') throw new Error(imported.left.message);
    t = performance.now();
    const out = exportPth(imported.right.spec, imported.right.vars, { numBatchesTracked: imported.right.numBatchesTracked });
    times.export.push(performance.now() - t);
    line = `${file}: ${(bytes.byteLength / 2 ** 20).toFixed(1)} MiB, ${parsed.right.format}, ${describeOfficialNet(imported.right.spec)}, ${parsed.right.stateDict.size} keys; export ${(out.byteLength / 2 ** 20).toFixed(1)} MiB`;
    disposeTree(imported.right.vars.params);
    disposeTree(imported.right.vars.state);
  }
  console.log(line);
  console.log(`  ${backend}, ${runs} runs: file read ${fmt(times.read)}; readPth ${fmt(times.parse)}; importPth (readPth + tensors) ${fmt(times.import)}; exportPth ${fmt(times.export)}; tensors left ${tf.memory().numTensors}`);
}
