import * as tf from '@tensorflow/tfjs-core';
import { startedBackend } from '../backend/started-backend';

/**
 * The `@tensorflow/tfjs-backend-webgl` module, loaded lazily by {@link selectBackend}.
 *
 * @example
 * ```ts
 * import type { WebglBackendModule } from '@pix2pix-ts/backends';
 *
 * const webgl: WebglBackendModule = await import('@tensorflow/tfjs-backend-webgl');
 * ```
 */
export type WebglBackendModule = typeof import('@tensorflow/tfjs-backend-webgl');

function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * The GPU behind the running webgl backend: the unmasked renderer and vendor strings from the
 * `WEBGL_debug_renderer_info` extension where the browser offers it, else the (often masked)
 * `RENDERER`/`VENDOR`. SwiftShader here means software rendering: correct, but slow.
 *
 * @example
 * ```ts
 * // browser only
 * import { useBackend, webglRenderer } from '@pix2pix-ts/backends';
 *
 * await useBackend('webgl');
 * webglRenderer(await import('@tensorflow/tfjs-backend-webgl'));
 * // { webglVersion: 2, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader …))', vendor: 'Google Inc. (Google)' }
 * ```
 */
export function webglRenderer(webgl: WebglBackendModule): {
  readonly webglVersion: number;
  readonly renderer: string | undefined;
  readonly vendor: string | undefined;
} {
  const webglVersion = tf.env().getNumber('WEBGL_VERSION');
  const backend = startedBackend('webgl');
  if (!(backend instanceof webgl.MathBackendWebGL)) return { webglVersion, renderer: undefined, vendor: undefined };
  const gl = backend.gpgpu.gl;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = gl.getParameter(debug === null ? gl.RENDERER : debug.UNMASKED_RENDERER_WEBGL);
  const vendor: unknown = gl.getParameter(debug === null ? gl.VENDOR : debug.UNMASKED_VENDOR_WEBGL);
  return { webglVersion, renderer: asString(renderer), vendor: asString(vendor) };
}
