import type { WebglFlagsInForce } from '../webgl/webgl-flags';
import type { WebgpuAdapterDescription } from '../webgpu/webgpu-adapter';
import type { BackendName } from './backend-name';

interface InfoBase<N extends BackendName> {
  readonly name: N;
  /** Kernels this package added to the backend (it lacked them), e.g. `Conv2DBackpropFilter`. */
  readonly extraKernels: readonly string[];
  /** The backend's own kernels this package replaced with faster ones, e.g. wasm's `Conv2DBackpropInput`. */
  readonly replacedKernels: readonly string[];
  /** Gradients this package replaced on all backends because tfjs-core's are wrong, e.g. `MirrorPad`. */
  readonly gradientFixes: readonly string[];
}

/**
 * The reference CPU backend (plain JavaScript).
 *
 * @example
 * ```ts
 * import { useBackend } from '@pix2pix-ts/backends';
 * import type { CpuInfo } from '@pix2pix-ts/backends';
 *
 * const info = await useBackend('cpu');
 * if (info.name === 'cpu') { const cpu: CpuInfo = info; }
 * ```
 */
export type CpuInfo = InfoBase<'cpu'>;

/**
 * The WebAssembly backend (XNNPACK).
 *
 * @example
 * ```ts
 * import { useBackend } from '@pix2pix-ts/backends';
 * import type { WasmInfo } from '@pix2pix-ts/backends';
 *
 * const info = await useBackend('wasm');
 * if (info.name === 'wasm') { const wasm: WasmInfo = info; console.log(wasm.simd, wasm.threadsCount); }
 * ```
 */
export interface WasmInfo extends InfoBase<'wasm'> {
  /** Whether the SIMD binary is in use. */
  readonly simd: boolean;
  /** Whether the multi-threaded binary is in use (needs cross-origin isolation in browsers; off in Node). */
  readonly threads: boolean;
  /** XNNPACK's thread-pool size (1 without threads). */
  readonly threadsCount: number;
}

/**
 * The WebGL backend (GPU).
 *
 * @example
 * ```ts
 * // browser only
 * import { useBackend } from '@pix2pix-ts/backends';
 * import type { WebglInfo } from '@pix2pix-ts/backends';
 *
 * const info = await useBackend('webgl');
 * if (info.name === 'webgl') { const gl: WebglInfo = info; console.log(gl.renderer); }
 * ```
 */
export interface WebglInfo extends InfoBase<'webgl'> {
  /** 1 or 2. */
  readonly webglVersion: number;
  /** The GPU, from `WEBGL_debug_renderer_info` where the browser exposes it, else the masked `RENDERER`. */
  readonly renderer: string | undefined;
  /** The GPU vendor, found the same way. */
  readonly vendor: string | undefined;
  /** The flags in force after the start (float32 render targets checked: a GPU without them is refused). */
  readonly flags: WebglFlagsInForce;
}

/**
 * The WebGPU backend (GPU compute shaders).
 *
 * @example
 * ```ts
 * // browser only
 * import { useBackend } from '@pix2pix-ts/backends';
 * import type { WebgpuInfo } from '@pix2pix-ts/backends';
 *
 * const info = await useBackend('webgpu');
 * if (info.name === 'webgpu') { const gpu: WebgpuInfo = info; console.log(gpu.adapter.architecture); } // 'swiftshader'
 * ```
 */
export interface WebgpuInfo extends InfoBase<'webgpu'> {
  /** The adapter tfjs runs on, as the browser describes it. */
  readonly adapter: WebgpuAdapterDescription;
}

/**
 * What {@link selectBackend} activated: the backend's name and what it runs on.
 *
 * @example
 * ```ts
 * import { useBackend } from '@pix2pix-ts/backends';
 *
 * const info = await useBackend('wasm');
 * if (info.name === 'wasm') console.log(`wasm simd=${info.simd} threads=${info.threadsCount}`);
 * ```
 */
export type BackendInfo = CpuInfo | WasmInfo | WebglInfo | WebgpuInfo;
