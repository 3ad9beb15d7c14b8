import { setupWebgl, setupWebgpu, webgpuAdapterName } from '@pix2pix-ts/browser';
import { useBackend } from '@pix2pix-ts/backends';
import * as E from 'fp-ts/Either';

/** The backend the demo translates on: WebGPU where the browser has an adapter, else WebGL, else cpu. */
export interface DemoBackend {
  readonly name: 'webgpu' | 'webgl' | 'cpu';
  /** What it runs on, for the page: the WebGPU adapter, the WebGL renderer, or JavaScript. */
  readonly renderer: string;
  /** The GPU API in words, for the status overlay: 'WebGPU', 'WebGL' or 'the CPU'. */
  readonly api: string;
  /** Why WebGPU is not used, when it is not (no adapter, not asked for). */
  readonly noWebgpu?: string;
  /** Why no GPU is used, when neither starts. */
  readonly fallbackReason?: string;
}

/** Which GPU paths to try, from the page's `?backend=` (`webgl` skips WebGPU; anything else tries both). */
export function backendPreference(search: string): 'webgpu' | 'webgl' {
  return new URLSearchParams(search).get('backend') === 'webgl' ? 'webgl' : 'webgpu';
}

/**
 * Starts WebGPU when the browser gives an adapter (and `prefer` allows it), else WebGL (fp32 textures
 * checked), else the cpu backend, each with the reason the faster one was not used.
 */
export async function startBackend(prefer: 'webgpu' | 'webgl' = 'webgpu'): Promise<DemoBackend> {
  let noWebgpu = '?backend=webgl';
  if (prefer === 'webgpu') {
    const gpu = await setupWebgpu()();
    if (E.isRight(gpu)) return { name: 'webgpu', api: 'WebGPU', renderer: webgpuAdapterName(gpu.right.backend.adapter) };
    noWebgpu = gpu.left.message;
  }
  const gl = await setupWebgl()();
  if (E.isRight(gl)) return { name: 'webgl', api: 'WebGL', renderer: gl.right.backend.renderer ?? 'unknown GPU', noWebgpu };
  await useBackend('cpu');
  return { name: 'cpu', api: 'the CPU', renderer: 'JavaScript', noWebgpu, fallbackReason: gl.left.message };
}
