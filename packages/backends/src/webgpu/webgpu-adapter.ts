/**
 * The `@tensorflow/tfjs-backend-webgpu` module, loaded lazily by `selectBackend('webgpu')`.
 *
 * @example
 * ```ts
 * import type { WebgpuBackendModule } from '@pix2pix-ts/backends';
 *
 * const webgpu: WebgpuBackendModule = await import('@tensorflow/tfjs-backend-webgpu');
 * ```
 */
export type WebgpuBackendModule = typeof import('@tensorflow/tfjs-backend-webgpu');

/**
 * The GPU behind a WebGPU adapter, as the browser describes it (`GPUAdapter.info`).
 *
 * @example
 * ```ts
 * import type { WebgpuAdapterDescription } from '@pix2pix-ts/backends';
 *
 * const swiftshader: WebgpuAdapterDescription = { vendor: 'google', architecture: 'swiftshader', description: undefined, isFallbackAdapter: false };
 * ```
 */
export interface WebgpuAdapterDescription {
  /** e.g. `'google'` for SwiftShader, `'nvidia'`, `'intel'`; `undefined` where the browser hides it. */
  readonly vendor: string | undefined;
  /** e.g. `'swiftshader'` (Chromium's CPU implementation of Vulkan, which WebGPU runs on here). */
  readonly architecture: string | undefined;
  /** A longer name, where the browser gives one. */
  readonly description: string | undefined;
  /** Whether the browser calls it a fallback (software) adapter. */
  readonly isFallbackAdapter: boolean;
}

/**
 * How to get a WebGPU adapter in headless Chromium without a GPU, said in every "no adapter" error.
 *
 * @example
 * ```ts
 * import { WEBGPU_ADAPTER_HINT } from '@pix2pix-ts/backends';
 *
 * if (!WEBGPU_ADAPTER_HINT.includes('--enable-unsafe-webgpu')) throw new Error('the hint names the flag');
 * ```
 */
export const WEBGPU_ADAPTER_HINT =
  'Chromium gives one (on SwiftShader where there is no GPU) with --enable-unsafe-webgpu, on a secure context such as an http://127.0.0.1 page';

function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * Asks the browser for a WebGPU adapter (`navigator.gpu.requestAdapter()`) and describes it; fails
 * with a message that says which of the two is missing (no `navigator.gpu`: not a browser, an
 * insecure page, or WebGPU disabled; a `null` adapter: no usable GPU and no software fallback) and
 * how to get one. tfjs's own `setBackend('webgpu')` reports both as a bare `false`.
 *
 * @example
 * ```ts
 * // browser only
 * import { webgpuAdapter } from '@pix2pix-ts/backends';
 * const adapter = await webgpuAdapter();
 * // { vendor: 'google', architecture: 'swiftshader', description: undefined, isFallbackAdapter: false }
 * ```
 */
export async function webgpuAdapter(): Promise<WebgpuAdapterDescription> {
  const gpu: unknown = typeof navigator === 'undefined' ? undefined : Reflect.get(navigator, 'gpu');
  if (typeof gpu !== 'object' || gpu === null) throw new Error(`no WebGPU here (navigator.gpu is undefined): ${WEBGPU_ADAPTER_HINT}`);
  const request: unknown = Reflect.get(gpu, 'requestAdapter');
  if (typeof request !== 'function') throw new Error('navigator.gpu has no requestAdapter()');
  const adapter: unknown = await Promise.resolve(request.call(gpu));
  if (typeof adapter !== 'object' || adapter === null) throw new Error(`no WebGPU adapter (navigator.gpu.requestAdapter() returned null): ${WEBGPU_ADAPTER_HINT}`);
  const info: unknown = Reflect.get(adapter, 'info');
  const field = (k: string): string | undefined => (typeof info === 'object' && info !== null ? asString(Reflect.get(info, k)) : undefined);
  return {
    vendor: field('vendor'),
    architecture: field('architecture'),
    description: field('description'),
    isFallbackAdapter: Reflect.get(adapter, 'isFallbackAdapter') === true,
  };
}
