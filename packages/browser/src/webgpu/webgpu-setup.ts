import { selectBackend, type WebgpuInfo } from '@pix2pix-ts/backends';
import * as tf from '@tensorflow/tfjs-core';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';

/** What {@link setupWebgpu} started: the adapter, and the tfjs webgpu flags in force. */
export interface WebgpuSetup {
  readonly backend: WebgpuInfo;
  /** tfjs's flags that change where or how ops run (`WEBGPU_CPU_FORWARD`: tiny ops on CPU-resident inputs run on the CPU). */
  readonly flags: {
    readonly WEBGPU_CPU_FORWARD: boolean;
    readonly WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: boolean;
    readonly WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: number;
  };
}

/**
 * A thin alias of `selectBackend('webgpu')` from `@pix2pix-ts/backends` (browser only), with tfjs's webgpu
 * flags read for the page's wire. `selectBackend` asks the browser for an adapter first (a missing one is a `Left`
 * that says how to get one), registers tfjs-core's gradients with their fixes and the fused Adam
 * kernel. WebGPU computes in float32 storage buffers, so unlike WebGL there is no half-precision
 * fallback to refuse.
 *
 * @example
 * ```ts
 * // browser only
 * import { setupWebgpu } from '@pix2pix-ts/browser';
 * const setup = await setupWebgpu()();
 * // Right({ backend: { name: 'webgpu', adapter: { vendor: 'google', architecture: 'swiftshader', … }, extraKernels: ['Pix2PixAdamUpdate'], … }, flags: { … } })
 * ```
 */
export function setupWebgpu(): TE.TaskEither<Error, WebgpuSetup> {
  return pipe(
    selectBackend('webgpu'),
    TE.mapLeft((e) => new Error(`${e.stage}: ${e.message}`)),
    TE.flatMap((info) => {
      if (info.name !== 'webgpu') return TE.left(new Error(`expected the webgpu backend, got ${info.name}`));
      const env = tf.env();
      return TE.right({
        backend: info,
        flags: {
          WEBGPU_CPU_FORWARD: env.getBool('WEBGPU_CPU_FORWARD'),
          WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: env.getBool('WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE'),
          WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: env.getNumber('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE'),
        },
      });
    }),
  );
}

/**
 * A one-line name for the adapter, for start lines and status overlays: vendor, architecture and
 * description as the browser gives them (`'google swiftshader'` on Chromium's software Vulkan).
 *
 * @example
 * ```ts
 * import { webgpuAdapterName } from '@pix2pix-ts/browser';
 * webgpuAdapterName({ vendor: 'google', architecture: 'swiftshader', description: undefined, isFallbackAdapter: false }); // 'google swiftshader'
 * ```
 */
export function webgpuAdapterName(a: WebgpuInfo['adapter']): string {
  const name = [a.vendor, a.architecture, a.description].filter((s): s is string => s !== undefined).join(' ');
  return `${name === '' ? 'unnamed adapter' : name}${a.isFallbackAdapter ? ' (fallback adapter)' : ''}`;
}
