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
}

/** The page's {@link DemoState}, created on first use. */
export function demoState(): DemoState {
  const existing = Reflect.get(globalThis, 'pix2pixDemo') as DemoState | undefined;
  if (existing !== undefined) return existing;
  const state: DemoState = { ready: false, backend: '', renderer: '', translations: 0, lastMs: 0, model: null, notice: '', error: '' };
  Reflect.set(globalThis, 'pix2pixDemo', state);
  return state;
}
