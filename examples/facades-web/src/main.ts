import './style.css';
import { disposeTree } from '@pix2pix-ts/layers';
import * as E from 'fp-ts/Either';
import { debounce } from './debounce';
import { defaultFacade } from './default-facade';
import { demoState } from './demo-state';
import { attachDrawing, type Tool } from './drawing';
import { labelMap } from './label-map';
import { chooseModel } from './model-choice';
import { freshModel, loadModel, sizeChoices, type DemoModel, type ModelSource } from './load-model';
import { cssColour, LABEL_CLASSES, classIndex } from './palette';
import { downloadPng } from './png-export';
import { backendPreference, startBackend } from './start-backend';
import { translateLabels } from './translate-labels';

const $ = <T extends HTMLElement>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (el === null) throw new Error(`missing element ${selector}`);
  return el;
};

const state = demoState();
const labelsCanvas = $<HTMLCanvasElement>('#labels');
const outputCanvas = $<HTMLCanvasElement>('#output');
const notice = $<HTMLDivElement>('#notice');

function showNotice(text: string, kind: 'info' | 'error' = 'info'): void {
  state.notice = text;
  notice.textContent = text;
  notice.hidden = text === '';
  notice.classList.toggle('error', kind === 'error');
}

// ---- status: what the page is busy with, painted before the GPU blocks the main thread ----
const busy = $<HTMLDivElement>('#busy');

function setStatus(text: string): void {
  state.status = text;
  if (text !== '') state.statusLog.push(text);
  busy.textContent = text;
  busy.hidden = text === '';
}

/** Resolves once the browser has painted: shader compilation (WebGL or WebGPU) then blocks a page that shows its status. */
const painted = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

// ---- translation: debounced while drawing, one at a time on the GPU, the latest drawing wins ----
let model: DemoModel | undefined;
/** Sizes still to warm up (one translation each, not shown) for the current model. */
let toWarm: number[] = [];
let wantTranslation = false;
let pumping = false;
const recent: number[] = [];
let recentSize = 0;

interface Settings {
  readonly dropout: boolean;
  readonly batchStats: boolean;
  readonly size: number;
}
const settingsOf = (m: DemoModel): Settings => ({
  dropout: $<HTMLInputElement>('#dropout').checked,
  batchStats: $<HTMLInputElement>('#batchstats').checked,
  size: Number($<HTMLSelectElement>('#size').value) || m.size,
});
/** Shaders are compiled per shape and per op: these three settings decide which a translation needs. */
const warmKey = (s: Settings): string => `${s.size}/${s.dropout}/${s.batchStats}`;
const isWarm = (s: Settings): boolean => state.warmed.includes(warmKey(s));
/** 'WebGPU' or 'WebGL' once the backend started (the status overlay names it). */
let gpuApi = 'WebGL';
const compilingText = (size: number, which: string): string =>
  `Compiling the ${gpuApi} shaders for ${size}×${size}${which} — once per size, the page may not respond for a few seconds…`;

/** Translates the drawing with the current settings and shows it. */
async function showTranslation(m: DemoModel): Promise<void> {
  const settings = settingsOf(m);
  const first = !isWarm(settings);
  if (first) {
    setStatus(compilingText(settings.size, ' (first translation with these settings)'));
    await painted();
  }
  const result = await translateLabels(m, drawing.labels(), settings)();
  if (E.isLeft(result)) {
    state.error = result.left.message;
    showNotice(`translation failed: ${result.left.message}`, 'error');
    return;
  }
  // A model replaced meanwhile has its own shaders: only the current model's settings count as warm.
  if (m !== model) return;
  state.warmed.push(warmKey(settings));
  const { rgba, size, ms } = result.right;
  outputCanvas.width = size;
  outputCanvas.height = size;
  outputCanvas.getContext('2d')?.putImageData(new ImageData(rgba, size, size), 0, 0);
  state.translations++;
  state.lastMs = ms;
  if (first) {
    // Not a translation time: mostly shader compilation, kept out of the mean.
    $('#timing').textContent = `first translation at ${size}×${size}, shaders compiled: ${ms.toFixed(0)} ms`;
    return;
  }
  // The mean is of one size: a 512×512 translation says nothing about 256×256 ones.
  if (size !== recentSize) recent.length = 0;
  recentSize = size;
  recent.push(ms);
  if (recent.length > 10) recent.shift();
  const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
  $('#timing').textContent = `${ms.toFixed(0)} ms / translation (mean of last ${recent.length}: ${mean.toFixed(0)} ms) at ${size}×${size}`;
}

/** One translation at `size` with the current settings, not shown: compiles its shaders before the user asks. */
async function warmSize(m: DemoModel, size: number, index: number, count: number): Promise<void> {
  const settings = { ...settingsOf(m), size };
  if (isWarm(settings)) return;
  setStatus(compilingText(size, ` (warming up: size ${index} of ${count})`));
  await painted();
  const result = await translateLabels(m, drawing.labels(), settings)();
  if (E.isRight(result) && m === model) state.warmed.push(warmKey(settings));
}

/** Runs the GPU work in order, one job at a time: a requested translation first, then the warm-up. */
async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    for (let m = model; m !== undefined && (wantTranslation || toWarm.length > 0); m = model) {
      if (wantTranslation) {
        wantTranslation = false;
        await showTranslation(m);
      } else {
        const all = sizeChoices(m);
        const size = toWarm.shift() ?? m.size;
        await warmSize(m, size, all.indexOf(size) + 1, all.length);
      }
    }
  } finally {
    pumping = false;
    setStatus('');
  }
  if (model !== undefined && toWarm.length === 0) state.warm = true;
}

function runTranslation(): void {
  wantTranslation = true;
  void pump();
}
const scheduled = debounce(runTranslation, 250);

// ---- drawing ----
const drawing = attachDrawing(labelsCanvas, defaultFacade(labelsCanvas.width), (done) => (done ? scheduled.flush() : scheduled.call()));

function selectButton(group: HTMLElement, pressed: HTMLElement): void {
  for (const b of group.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === pressed));
}

const palette = $<HTMLDivElement>('#palette');
for (const c of LABEL_CLASSES) {
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset['class'] = c.name;
  b.setAttribute('aria-pressed', 'false');
  b.innerHTML = `<span class="swatch" style="background:${cssColour(c)}"></span>${c.name}`;
  b.addEventListener('click', () => {
    drawing.setClass(c.index);
    selectButton(palette, b);
  });
  palette.append(b);
}
function pickClass(name: string): void {
  palette.querySelector<HTMLButtonElement>(`button[data-class="${name}"]`)?.click();
}
pickClass('window');

const toolButtons = [...document.querySelectorAll<HTMLButtonElement>('button[data-tool]')];
function pickTool(tool: Tool): void {
  drawing.setTool(tool);
  for (const b of toolButtons) b.setAttribute('aria-pressed', String(b.dataset['tool'] === tool));
}
for (const b of toolButtons) b.addEventListener('click', () => pickTool((b.dataset['tool'] ?? 'brush') as Tool));
$<HTMLInputElement>('#brush').addEventListener('input', (e) => drawing.setBrushRadius(Number((e.target as HTMLInputElement).value)));
$('#undo').addEventListener('click', () => drawing.undo());
$('#clear').addEventListener('click', () => drawing.replace(labelMap(labelsCanvas.width, labelsCanvas.height, classIndex('background'))));
$('#sample').addEventListener('click', () => drawing.replace(defaultFacade(labelsCanvas.width)));
$('#translate').addEventListener('click', () => scheduled.flush());
$('#download').addEventListener('click', () => void downloadPng(outputCanvas, 'pix2pix-facade.png'));
for (const id of ['#dropout', '#batchstats', '#size']) $(id).addEventListener('change', () => scheduled.flush());
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
    e.preventDefault();
    drawing.undo();
  } else if (!e.ctrlKey && !e.metaKey && !e.altKey && e.target === document.body) {
    const tool = ({ b: 'brush', r: 'rect', f: 'fill' } as const)[e.key.toLowerCase() as 'b' | 'r' | 'f'];
    if (tool !== undefined) pickTool(tool);
  }
});

// ---- models: from a URL, dropped files or the file picker ----
function describeModel(m: DemoModel): string {
  const spec = `${m.spec.netG}, ngf ${m.spec.ngf}`;
  const step = m.hints.step === undefined ? '' : `, step ${m.hints.step}`;
  const trained = m.hints.size === undefined ? '' : `, trained at ${m.hints.size}×${m.hints.size}`;
  return `model: ${m.origin} — ${spec}, norm ${m.spec.norm} (${m.specFrom === 'config' ? 'from its config' : 'inferred from its tensors'}${step}${trained})`;
}

function useModel(m: DemoModel): void {
  if (model !== undefined) {
    disposeTree(model.vars.params);
    disposeTree(model.vars.state);
  }
  model = m;
  state.model = { origin: m.origin, fresh: m.fresh, spec: m.spec, size: m.size, specFrom: m.specFrom };
  // New weights, new shapes: every size compiles again. The shown size comes first, the others follow.
  state.warmed = [];
  state.warm = false;
  toWarm = sizeChoices(m);
  if (m.hints.dropout !== undefined) $<HTMLInputElement>('#dropout').checked = m.hints.dropout;
  if (m.hints.batchStats !== undefined) $<HTMLInputElement>('#batchstats').checked = m.hints.batchStats;
  $('#model').textContent = describeModel(m);
  const select = $<HTMLSelectElement>('#size');
  const wanted = Number(new URLSearchParams(location.search).get('size'));
  select.replaceChildren(
    ...sizeChoices(m).map((s) => {
      const o = document.createElement('option');
      o.value = String(s);
      o.textContent = s === m.hints.size ? `${s} (trained)` : String(s);
      o.selected = s === wanted;
      return o;
    }),
  );
  scheduled.flush();
}

async function open(source: ModelSource): Promise<void> {
  $('#model').textContent = 'loading the model…';
  setStatus('Loading the model…');
  const loaded = await loadModel(source)();
  if (E.isRight(loaded)) {
    showNotice(loaded.right.hints.direction === 'AtoB' ? 'This model was trained AtoB: it may expect photos, not labels, as input.' : '');
    useModel(loaded.right);
    return;
  }
  if (model !== undefined && source.kind === 'files') {
    setStatus('');
    showNotice(loaded.left.message, 'error');
    $('#model').textContent = describeModel(model);
    return;
  }
  await openFresh(`No checkpoint could be loaded: ${loaded.left.message}.`);
}

/** Without a model: a freshly initialised generator, and a notice that says why and what to do. */
async function openFresh(why: string): Promise<void> {
  const fresh = await freshModel()();
  if (E.isLeft(fresh)) {
    setStatus('');
    state.error = fresh.left.message;
    showNotice(`no model: ${fresh.left.message}`, 'error');
    return;
  }
  showNotice(
    `${why} Translating with a freshly initialised generator (random weights): ` +
      'the output shows the plumbing works, not a facade. Run `npm run demo -- --model runs/<run>/checkpoints/latest`, or drop a model.json + weights.bin here.',
  );
  useModel(fresh.right);
}

const fileInput = $<HTMLInputElement>('#files');
fileInput.addEventListener('change', () => {
  if (fileInput.files !== null && fileInput.files.length > 0) void open({ kind: 'files', files: [...fileInput.files] });
});
document.addEventListener('dragover', (e) => {
  e.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
document.addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('dragging');
  const files = [...(e.dataTransfer?.files ?? [])];
  if (files.length > 0) void open({ kind: 'files', files });
});

// ---- start ----
async function start(): Promise<void> {
  const prefer = backendPreference(location.search);
  setStatus(prefer === 'webgpu' ? 'Starting the GPU: WebGPU where the browser has it, else WebGL…' : 'Starting WebGL…');
  const backend = await startBackend(prefer);
  state.backend = backend.name;
  state.renderer = backend.renderer;
  gpuApi = backend.api;
  $('#backend').textContent = `${backend.name} · ${backend.renderer}`;
  if (backend.noWebgpu !== undefined) $('#backend').title = `not WebGPU: ${backend.noWebgpu}`;
  setStatus(`Translating on ${backend.api} (${backend.renderer})${backend.noWebgpu === undefined || prefer === 'webgl' ? '' : ': this browser has no WebGPU adapter'}`);
  if (backend.fallbackReason !== undefined) showNotice(`WebGL is not available (${backend.fallbackReason}); translating on the cpu backend.`, 'error');
  const choice = await chooseModel(location.search);
  if (choice.kind === 'url') await open({ kind: 'url', url: choice.url });
  else await openFresh('No model was given to the demo server (`--model`), and it found none under runs/.');
  const before = state.translations;
  // Ready once the first translation is on screen.
  await new Promise<void>((resolve) => {
    const poll = (): void => (state.translations > before || state.error !== '' ? resolve() : void setTimeout(poll, 50));
    poll();
  });
  state.ready = true;
}

start().catch((e: unknown) => {
  setStatus('');
  state.error = e instanceof Error ? e.message : String(e);
  showNotice(`the demo failed to start: ${state.error}`, 'error');
});
