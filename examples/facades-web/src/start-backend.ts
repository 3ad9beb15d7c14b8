import { setupWebgl } from '@pix2pix-ts/browser';
import { useBackend } from '@pix2pix-ts/backends';
import * as E from 'fp-ts/Either';

/** The backend the demo translates on: WebGL, or the cpu backend when the browser has no usable WebGL. */
export interface DemoBackend {
  readonly name: 'webgl' | 'cpu';
  readonly renderer: string;
  /** Why WebGL is not used, when it is not. */
  readonly fallbackReason?: string;
}

/** Starts WebGL (fp32 textures checked); falls back to cpu with the reason. */
export async function startBackend(): Promise<DemoBackend> {
  const gl = await setupWebgl()();
  if (E.isRight(gl)) return { name: 'webgl', renderer: gl.right.backend.renderer ?? 'unknown GPU' };
  await useBackend('cpu');
  return { name: 'cpu', renderer: 'JavaScript', fallbackReason: gl.left.message };
}
