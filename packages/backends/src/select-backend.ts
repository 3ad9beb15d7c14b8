import * as tf from '@tensorflow/tfjs-core';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { TaskEither } from 'fp-ts/TaskEither';
import { backendError } from './backend/backend-error';
import type { BackendError, BackendStage } from './backend/backend-error';
import type { BackendInfo } from './backend/backend-info';
import type { BackendName } from './backend/backend-name';
import { configureWasmPaths, wasmFeatures } from './wasm/wasm-setup';
import type { WasmBackendModule } from './wasm/wasm-setup';
import { webglRenderer } from './webgl/webgl-renderer';
import type { WebglBackendModule } from './webgl/webgl-renderer';
import { applyWebglFlags, webglFlagsInForce, type WebglFlags } from './webgl/webgl-flags';
import { webgpuAdapter, type WebgpuAdapterDescription } from './webgpu/webgpu-adapter';
import { ensureCoreGradients } from './gradients/ensure-core-gradients';
import { registerGradientFixes } from './gradients/register-gradient-fixes';
import { registerExtraKernels, registerKernelReplacements, restoreNativeKernels } from './registry/install-kernels';
import { prepareWasmThreads, unrefWasmWorkers } from './wasm/wasm-threads';

/**
 * Options of {@link selectBackend}.
 *
 * @example
 * ```ts
 * import type { SelectBackendOptions } from '@pix2pix-ts/backends';
 *
 * const options: SelectBackendOptions = { wasmPaths: 'https://example.com/tfjs-wasm/' };
 * ```
 */
export interface SelectBackendOptions {
  /**
   * wasm only: where the `.wasm` binaries are (a directory ending in `/`). Default: in Node, the
   * installed `@tensorflow/tfjs-backend-wasm/dist/`; in browsers, next to the bundled script.
   */
  readonly wasmPaths?: string;
  /**
   * Replace the backend's slow kernels with this package's faster ones (wasm:
   * `Conv2DBackpropInput`). Default `true`; `false` restores the backend's own (to compare).
   */
  readonly replaceKernels?: boolean;
  /**
   * wasm only: threads of XNNPACK's pool (tfjs-wasm's threaded SIMD build; in Node started under
   * `worker_threads`, see `prepareWasmThreads`). Unset: tfjs's own choice (one thread in Node). A wasm
   * backend already started with another count is restarted (its tensors are lost).
   */
  readonly threads?: number;
  /**
   * webgl only: flags to set before it starts, over `DEFAULT_WEBGL_FLAGS` (fp32 textures, shapes
   * compiled into the shaders); `WEBGL_PACK` unset keeps tfjs's default (packed). Unset: the flags in
   * force stay (tfjs's defaults, which are `DEFAULT_WEBGL_FLAGS`, or those of an earlier call).
   */
  readonly webglFlags?: WebglFlags;
  /**
   * webgl only: accept a GPU that cannot render to float32 textures (tfjs then silently computes in
   * half precision, which breaks training). Default `false`: such a GPU is a `Left` at `init`.
   */
  readonly allowF16?: boolean;
}

/** A backend package, imported only when selected, so unused backends stay out of the page. */
type Loaded =
  | { readonly name: 'cpu' }
  | { readonly name: 'wasm'; readonly module: WasmBackendModule }
  | { readonly name: 'webgl'; readonly module: WebglBackendModule }
  | { readonly name: 'webgpu' };

async function load(name: BackendName): Promise<Loaded> {
  switch (name) {
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return { name };
    case 'wasm':
      return { name, module: await import('@tensorflow/tfjs-backend-wasm') };
    case 'webgl':
      return { name, module: await import('@tensorflow/tfjs-backend-webgl') };
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return { name };
  }
}

const NOT_REGISTERED: Readonly<Partial<Record<BackendName, string>>> = {
  webgl: 'not registered: the webgl backend registers itself only in a browser',
  webgpu: 'not registered: the webgpu backend registers itself only in a browser with WebGPU (navigator.gpu)',
};

/** Starts the backend; for webgpu, the adapter it runs on (asked first, so a missing one is said as such). */
async function activate(name: BackendName): Promise<WebgpuAdapterDescription | undefined> {
  if (tf.findBackendFactory(name) === null) throw new Error(NOT_REGISTERED[name] ?? 'not registered');
  const adapter = name === 'webgpu' ? await webgpuAdapter() : undefined;
  // setBackend reports a failed start (e.g. no WebGL context) as false, not as an exception.
  if (!(await tf.setBackend(name))) throw new Error('the backend failed to start (see the warning tfjs logged)');
  await tf.ready();
  return adapter;
}

interface Changes {
  readonly extraKernels: readonly string[];
  readonly replacedKernels: readonly string[];
  readonly gradientFixes: readonly string[];
}

/** webgl: refuses half precision (no float32 render targets, or forced f16) unless allowed. */
function checkWebglPrecision(options: SelectBackendOptions): void {
  const flags = webglFlagsInForce();
  const fp32 = flags.WEBGL_RENDER_FLOAT32_ENABLED && !flags.WEBGL_FORCE_F16_TEXTURES;
  if (!fp32 && options.allowF16 !== true) throw new Error('WebGL cannot render to float32 textures here: training would run in half precision');
}

async function describe(loaded: Loaded, changes: Changes, adapter: WebgpuAdapterDescription | undefined): Promise<BackendInfo> {
  switch (loaded.name) {
    case 'cpu':
      return { name: 'cpu', ...changes };
    case 'wasm':
      return { name: 'wasm', ...changes, ...(await wasmFeatures(loaded.module)) };
    case 'webgl':
      return { name: 'webgl', ...changes, ...webglRenderer(loaded.module), flags: webglFlagsInForce() };
    case 'webgpu':
      if (adapter === undefined) throw new Error('webgpu started without an adapter');
      return { name: 'webgpu', ...changes, adapter };
  }
}

/**
 * Makes `name` the active tfjs backend, ready for training; the one way this project installs a
 * backend: imports the backend package lazily, points wasm at its local binaries under Node (no
 * network), sets webgl's flags ({@link SelectBackendOptions.webglFlags}), registers tfjs-core's
 * gradients with this package's fixes (nothing else registers gradients: code that trains must have
 * called this first, see `assertGradientsReady`), installs the backend's entry of the one kernel
 * registry `BACKEND_KERNELS` (the kernels it lacks, the fused Adam, the faster or fixed replacements),
 * starts it (`tf.setBackend` + `tf.ready`), checks webgl renders to float32 textures, and says what it
 * runs on. Safe to call repeatedly to switch between backends; tensors stay bound to the backend that
 * made them, so build a tensor after switching.
 *
 * @param name `'cpu'`, `'wasm'`, `'webgl'` (browsers only) or `'webgpu'` (browsers with a WebGPU adapter only; webgpu gets
 *   the fused Adam kernel)
 * @returns a task resolving to the {@link BackendInfo}, or to a {@link BackendError} naming the step that failed
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/Either';
 * import { selectBackend } from '@pix2pix-ts/backends';
 *
 * const result = await selectBackend('wasm')();
 * if (E.isRight(result)) console.log(result.right); // { name: 'wasm', simd: true, threads: false, … }
 * else console.error(result.left.message);
 * ```
 */
export function selectBackend(name: BackendName, options: SelectBackendOptions = {}): TaskEither<BackendError, BackendInfo> {
  const step =
    <A>(stage: BackendStage, what: string, f: () => Promise<A>): TaskEither<BackendError, A> =>
      TE.tryCatch(f, (cause) => backendError(name, stage, what, cause));
  return pipe(
    TE.Do,
    TE.bind('loaded', () => step('import', `cannot import the ${name} backend package`, () => load(name))),
    TE.tap(({ loaded }): TaskEither<BackendError, unknown> => {
      if (loaded.name === 'wasm') return step('wasm-paths', 'cannot locate the wasm binaries', () => configureWasmPaths(loaded.module, options.wasmPaths));
      // Only when given: switching back to a webgl backend started with flags keeps them.
      const flags = options.webglFlags;
      if (loaded.name === 'webgl' && flags !== undefined) return step('init', 'cannot set the webgl flags', async () => applyWebglFlags(flags));
      return TE.right(undefined);
    }),
    TE.bind('gradientFixes', () =>
      step('gradients', 'cannot register tfjs-core gradients', async () => {
        await ensureCoreGradients();
        return registerGradientFixes();
      }),
    ),
    TE.bind('extraKernels', () => step('kernels', 'cannot register extra kernels', async () => registerExtraKernels(name))),
    TE.bind('replacedKernels', () =>
      step('kernels', 'cannot replace kernels', async () => {
        if (options.replaceKernels ?? true) return registerKernelReplacements(name);
        restoreNativeKernels(name);
        return [];
      }),
    ),
    TE.bind('adapter', ({ loaded }) =>
      step('init', 'cannot start the backend', async () => {
        if (loaded.name === 'webgl') {
          const adapter = await activate(name);
          checkWebglPrecision(options);
          return adapter;
        }
        if (loaded.name !== 'wasm' || options.threads === undefined) return activate(name);
        const { restore } = await prepareWasmThreads(loaded.module, options.threads);
        try {
          return await activate(name);
        } finally {
          restore();
          unrefWasmWorkers();
        }
      }),
    ),
    TE.flatMap(({ loaded, extraKernels, replacedKernels, gradientFixes, adapter }) =>
      step('init', 'cannot describe the backend', () => describe(loaded, { extraKernels, replacedKernels, gradientFixes }, adapter)),
    ),
  );
}
