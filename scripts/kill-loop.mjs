// kill -9 loop: starts a small training run, kills it with SIGKILL at random (seeded) instants, many of them
// inside checkpoint saves, and after every kill checks that the run is resumable: the newest complete checkpoint
// (or init, or nothing yet: the seed rebuilds step 0) loads, and the next `pix2pix train --resume` starts from
// it. At the end the killed run is resumed to its end and compared with a run of the same configuration that was
// never killed (final weights, loss history, metrics). Prints a summary table. Run by hand (minutes); not part of
// `npm test`.
//
//   node scripts/kill-loop.mjs [--kills 50] [--seed 1] [--backend wasm|cpu] [--runs_dir DIR] [--keep]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const bin = join(root, 'packages', 'cli', 'bin', 'pix2pix.js');
const { values: args } = parseArgs({
  options: {
    kills: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'wasm' },
    runs_dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const kills = Number(args.kills);
const runsDir = args.runs_dir ?? mkdtempSync(join(tmpdir(), 'pix2pix-kill-loop-'));

// The workspace's TypeScript sources, as the CLI's own bin loads them: the `source` condition, then tsx.
register(
  `data:text/javascript,${encodeURIComponent(
    "export async function resolve(s, c, n) { const conditions = c.conditions.includes('source') ? c.conditions : [...c.conditions, 'source']; return n(s, { ...c, conditions }); }",
  )}`,
);
const { register: registerTsx } = await import('tsx/esm/api');
registerTsx();
const { useBackend } = await import('@pix2pix-ts/backends');
const { loadRunCheckpoint, runLayout } = await import('@pix2pix-ts/cli/node');
const { disposeState } = await import('@pix2pix-ts/pix2pix');
const { newestCompleteState } = await import('@pix2pix-ts/pix2pix/node');
await useBackend('cpu');

/** mulberry32: a small seeded PRNG, so the kill instants repeat for a seed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(args.seed));

// Two pairs per epoch and a save point every epoch: a save every other step, so many kills land inside one.
const TRAIN = ['--smoke', '--dataset_mode', 'synthetic', '--backend', args.backend, '--num_threads', '1', '--max_dataset_size', '2', '--n_epochs', '60', '--n_epochs_decay', '0', '--save_epoch_freq', '1', '--print_freq', '1'];

/** Starts `pix2pix`; resolves when it ends, with its output. `kill` ends it with SIGKILL at once. */
function start(argv) {
  const child = spawn(process.execPath, [bin, ...argv], { env: { ...process.env, CI: 'true', PIX2PIX_FROM_SOURCE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = [];
  child.stdout.setEncoding('utf8').on('data', (d) => {
    stdout += d;
    for (const l of listeners) l(stdout);
  });
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, onStdout: (l) => listeners.push(l), get stdout() { return stdout; } };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const runFolder = () => readdirSync(runsDir).map((n) => join(runsDir, n)).find((d) => existsSync(join(d, 'config.json')));

/** What a kill left in checkpoints/: unfinished state folders and temporary names (the kill was inside a save). */
function leftovers(dir) {
  const ck = join(dir, 'checkpoints');
  if (!existsSync(ck)) return { inSave: false, names: [] };
  const names = readdirSync(ck).filter((n) => n.includes('.tmp-') || n.includes('.old-') || (n.startsWith('state-') && !existsSync(join(ck, n, 'complete.json'))));
  return { inSave: names.length > 0, names };
}

/** The resume point as `train --resume` finds it, loaded in this process (without the cleanup, which --resume does). */
async function loadable(dir) {
  const layout = runLayout(dir);
  const newest = await newestCompleteState(layout.checkpoints);
  const from = newest ?? [layout.latest, layout.init].find((d) => existsSync(join(d, 'model.json')));
  if (from === undefined) return { ok: true, from: 'none yet (step 0 from the seed)', step: 0 };
  const r = await loadRunCheckpoint(from)();
  if (r._tag === 'Left') return { ok: false, from, error: r.left.message };
  disposeState(r.right.state);
  return { ok: true, from: from.slice(layout.checkpoints.length + 1), step: r.right.state.step };
}

const rows = [];
const counts = { kills: 0, beforeRunFolder: 0, beforeFirstStep: 0, training: 0, inSave: 0, loadOk: 0, loadFailed: 0, resumeOk: 0, resumeFailed: 0, completed: 0 };
let lastStep = 0;
let resumeExpected = false;
const t0 = Date.now();
while (counts.kills < kills) {
  const dir = runFolder();
  const before = new Set(dir === undefined ? [] : leftovers(dir).names);
  const run = start(dir === undefined ? ['train', ...TRAIN, '--runs_dir', runsDir] : ['train', '--resume', dir]);
  // A third of the kills at a uniform instant from the start (startup, init, steps, saves); a third a few ms after
  // a step or save line; a third right after an even step's line, when that step's save point is being written.
  const pick = random();
  const mode = pick < 1 / 3 ? 'uniform' : pick < 2 / 3 ? 'after-output' : 'in-save';
  const delay = mode === 'uniform' ? Math.floor(random() * 14000) : Math.floor(random() * (mode === 'in-save' ? 60 : 150));
  const trigger = mode === 'in-save' ? /^step \d*[02468]\//gm : random() < 0.25 ? /saved epoch \d+/g : /^step \d+\//gm;
  const skip = Math.floor(random() * 4);
  let killed = false;
  const kill = () => {
    if (!killed) {
      killed = true;
      run.child.kill('SIGKILL');
    }
  };
  if (mode === 'uniform') setTimeout(kill, delay);
  else
    run.onStdout((out) => {
      const seen = out.match(trigger)?.length ?? 0;
      if (seen > skip) setTimeout(kill, delay);
    });
  const result = await run.done;
  const resumed = dir !== undefined;
  const continued = /continuing at iteration (\d+)|continuing from (\S+)/.exec(result.stdout);
  if (result.signal !== 'SIGKILL') {
    // It ended by itself: the run completed (a new one starts next) or something failed.
    if (result.code === 0) {
      counts.completed++;
      if (resumed) counts.resumeOk++;
      rmSync(dir ?? runFolder() ?? join(runsDir, 'none'), { recursive: true, force: true });
      lastStep = 0;
      rows.push({ n: '-', mode: 'run completed', delay: '', left: '', load: '', step: '', note: 'new run next' });
      continue;
    }
    counts.resumeFailed++;
    rows.push({ n: '-', mode: 'ended by itself', delay: '', left: '', load: '', step: '', note: `exit ${result.code}: ${result.stderr.trim().split('\n').pop()}` });
    console.log(result.stdout.slice(-2000), result.stderr.slice(-2000));
    break;
  }
  counts.kills++;
  if (resumed && resumeExpected) {
    // Did the resumed process get going (or at least not fail) before the kill? A kill during startup proves nothing either way.
    if (/pix2pix: /.test(result.stderr)) counts.resumeFailed++;
    else if (continued !== null || /^step \d+\//m.test(result.stdout)) counts.resumeOk++;
  }
  const after = runFolder();
  let phase;
  let left = { inSave: false, names: [] };
  let load = { ok: true, from: '-', step: 0 };
  if (after === undefined) {
    counts.beforeRunFolder++;
    phase = 'before config.json';
  } else {
    // Leftovers of this kill: all of them once the resume has cleaned up (it printed where it continues from),
    // else only those that were not there before it started.
    const all = leftovers(after);
    const names = continued !== null || !resumed ? all.names : all.names.filter((n) => !before.has(n));
    left = { inSave: names.length > 0, names };
    phase = left.inSave ? 'inside a save' : /^step \d+\//m.test(result.stdout) ? 'training' : 'starting';
    if (left.inSave) counts.inSave++;
    else if (phase === 'training') counts.training++;
    else counts.beforeFirstStep++;
    load = await loadable(after);
    if (load.ok) counts.loadOk++;
    else counts.loadFailed++;
    if (load.ok && load.step < lastStep) {
      load = { ...load, ok: false, error: `went back from step ${lastStep} to ${load.step}` };
      counts.loadOk--;
      counts.loadFailed++;
    }
    if (load.ok) lastStep = load.step;
  }
  resumeExpected = after !== undefined;
  rows.push({ n: counts.kills, mode: `${resumed ? 'resume' : 'new'} ${mode === 'uniform' ? `+${delay}ms` : `${trigger.source.startsWith('saved') ? 'save' : mode === 'in-save' ? 'even step' : 'step'}#${skip + 1}+${delay}ms`}`, delay: '', left: phase, load: load.ok ? `ok ${load.from}` : `FAILED ${load.error}`, step: String(load.step ?? ''), note: left.names.join(' ') });
  console.log(`kill ${String(counts.kills).padStart(3)}  ${rows[rows.length - 1].mode.padEnd(26)} ${phase.padEnd(19)} ${rows[rows.length - 1].load.padEnd(28)} step ${String(load.step ?? '').padStart(3)}  ${left.names.join(' ')}`);
}
// The last resume after the last kill runs to the end; then a run of the same configuration never killed: their
// final state, loss history and metrics must be identical (byte for byte / value for value).
const finalDir = runFolder();
let same = 'no run to compare';
if (finalDir !== undefined) {
  const last = await start(['train', '--resume', finalDir]).done;
  if (last.code === 0) counts.resumeOk++;
  else counts.resumeFailed++;
  console.log(`final resume to the end: exit ${last.code} (${/continuing[^\n]*/.exec(last.stdout)?.[0] ?? 'no continuing line'})`);
  const straightDir = mkdtempSync(join(tmpdir(), 'pix2pix-kill-loop-straight-'));
  const straight = await start(['train', ...TRAIN, '--runs_dir', straightDir]).done;
  const sDir = readdirSync(straightDir).map((n) => join(straightDir, n))[0];
  if (last.code === 0 && straight.code === 0 && sDir !== undefined) {
    const file = (d, f) => readFileSync(join(d, f));
    const stripTimes = (d) => JSON.parse(file(d, 'metrics.json').toString());
    const checks = {
      weights: file(finalDir, 'checkpoints/latest/weights.bin').equals(file(sDir, 'checkpoints/latest/weights.bin')),
      history: file(finalDir, 'history.json').equals(file(sDir, 'history.json')),
      metrics: JSON.stringify(stripTimes(finalDir)) === JSON.stringify(stripTimes(sDir)),
    };
    same = Object.entries(checks).map(([k, v]) => `${k} ${v ? 'identical' : 'DIFFERENT'}`).join(', ');
    if (!Object.values(checks).every(Boolean)) counts.resumeFailed++;
  } else same = `straight run exit ${straight.code}`;
  if (args.runs_dir === undefined && !args.keep) rmSync(straightDir, { recursive: true, force: true });
}
const minutes = ((Date.now() - t0) / 60000).toFixed(1);
console.log('');
console.log(`kill -9 loop: seed ${args.seed}, backend ${args.backend}, ${minutes} min, runs in ${runsDir}`);
console.log('| what                                     | count |');
console.log('|------------------------------------------|------:|');
const line = (k, v) => console.log(`| ${k.padEnd(40)} | ${String(v).padStart(5)} |`);
line('kills (SIGKILL)', counts.kills);
line('  before the run folder existed', counts.beforeRunFolder);
line('  after start, before the first step', counts.beforeFirstStep);
line('  while training (between saves)', counts.training);
line('  inside a save (leftovers found)', counts.inSave);
line('newest checkpoint loaded after the kill', counts.loadOk);
line('newest checkpoint NOT loadable', counts.loadFailed);
line('resumes that started and continued', counts.resumeOk);
line('resumes that failed', counts.resumeFailed);
line('runs completed (a new one started)', counts.completed);
console.log(`killed run resumed to the end vs a run never killed: ${same}`);
if (!args.keep && args.runs_dir === undefined) rmSync(runsDir, { recursive: true, force: true });
process.exit(counts.loadFailed + counts.resumeFailed === 0 ? 0 : 1);
