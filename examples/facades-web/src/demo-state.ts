/**
 * What the page reports about itself on `window.pix2pixDemo`: read by the end-to-end test and
 * handy in the console.
 */
export interface DemoState {
  /** The backend, the model and the first translation are in place. */
  ready: boolean;
  backend: string;
  renderer: string;
  /** Translations finished so far. */
  translations: number;
  /** ms of the last translation (labels → pixels read back). */
  lastMs: number;
  model: { origin: string; fresh: boolean; spec: unknown; size: number; specFrom: string } | null;
  notice: string;
  error: string;
  /** What the page is busy with right now (the status overlay), '' when idle. */
  status: string;
  /** Every status shown so far, in order (for the test and the console). */
  statusLog: string[];
  /** Settings (`size/dropout/batchStats`) whose WebGL shaders are compiled: translating with them is fast. */
  warmed: string[];
  /** The warm-up after a model load (one translation at each size) has finished. */
  warm: boolean;
}

/** The page's {@link DemoState}, created on first use. */
export function demoState(): DemoState {
  const existing = Reflect.get(globalThis, 'pix2pixDemo') as DemoState | undefined;
  if (existing !== undefined) return existing;
  const state: DemoState = { ready: false, backend: '', renderer: '', translations: 0, lastMs: 0, model: null, notice: '', error: '', status: '', statusLog: [], warmed: [], warm: false };
  Reflect.set(globalThis, 'pix2pixDemo', state);
  return state;
}
