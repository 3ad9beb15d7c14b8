import { selectBackend, type WebglInfo } from '@pix2pix-ts/backends';
import * as tf from '@tensorflow/tfjs-core';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { installAdamUpdateWebgl } from './adam-update-webgl';
import { installFilterGradWebgl } from './filter-grad-webgl';
import { installInputGradWebgl } from './input-grad-webgl';
import { setWebglPacking } from './packing';
import { DEFAULT_WEBGL_FLAGS, type WebglFlags } from './webgl-flags';

/** What {@link setupWebgl} started: the GPU (the renderer string names SwiftShader on a software GL) and the flags in force. */
export interface WebglSetup {
  readonly backend: WebglInfo;
  /** The flags as tfjs reports them after the backend started, including `WEBGL_RENDER_FLOAT32_ENABLED`. */
  readonly flags: {
    readonly WEBGL_VERSION: number;
    readonly WEBGL_PACK: boolean;
    readonly WEBGL_FORCE_F16_TEXTURES: boolean;
    readonly WEBGL_USE_SHAPES_UNIFORMS: boolean;
    readonly WEBGL_RENDER_FLOAT32_ENABLED: boolean;
    readonly WEBGL_RENDER_FLOAT32_CAPABLE: boolean;
  };
}

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * Starts tfjs's WebGL backend for training (browser only): sets the {@link WebglFlags} (over
 * {@link DEFAULT_WEBGL_FLAGS}; `WEBGL_PACK`, unless given, stays tfjs's default, packed, which is also
 * the faster on SwiftShader), installs the matrix-product filter gradient ({@link installFilterGradWebgl}) and the fused Adam
 * kernel ({@link installAdamUpdateWebgl}), selects `webgl` through `@pix2pix-ts/backends` (gradients and their
 * fixes registered), and checks that the GPU renders to fp32 textures. Without fp32 render targets
 * (or with `WEBGL_FORCE_F16_TEXTURES`) tfjs silently computes in half precision, which breaks
 * training; that is a `Left` here, unless `allowF16` is set.
 *
 * @example
 * ```ts
 * // browser only
 * import { setupWebgl } from '@pix2pix-ts/browser';
 * const setup = await setupWebgl()();
 * // Right({ backend: { name: 'webgl', renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader …))', … }, flags: { WEBGL_RENDER_FLOAT32_ENABLED: true, … } })
 * ```
 */
export function setupWebgl(flags: WebglFlags = {}, options: { readonly allowF16?: boolean } = {}): TE.TaskEither<Error, WebglSetup> {
  return pipe(
    TE.tryCatch(async () => {
      // Importing the backend package registers its flags; only then can they be set.
      await import('@tensorflow/tfjs-backend-webgl');
      const { WEBGL_PACK: pack, ...others } = flags;
      for (const [name, value] of Object.entries({ ...DEFAULT_WEBGL_FLAGS, ...others })) tf.env().set(name, value);
      if (pack !== undefined) setWebglPacking(pack);
      installFilterGradWebgl();
      installAdamUpdateWebgl();
      installInputGradWebgl();
    }, toError),
    TE.flatMap(() => pipe(selectBackend('webgl'), TE.mapLeft((e) => new Error(`${e.stage}: ${e.message}`)))),
    TE.flatMap((info) => {
      if (info.name !== 'webgl') return TE.left(new Error(`expected the webgl backend, got ${info.name}`));
      const env = tf.env();
      const setup: WebglSetup = {
        backend: info,
        flags: {
          WEBGL_VERSION: env.getNumber('WEBGL_VERSION'),
          WEBGL_PACK: env.getBool('WEBGL_PACK'),
          WEBGL_FORCE_F16_TEXTURES: env.getBool('WEBGL_FORCE_F16_TEXTURES'),
          WEBGL_USE_SHAPES_UNIFORMS: env.getBool('WEBGL_USE_SHAPES_UNIFORMS'),
          WEBGL_RENDER_FLOAT32_ENABLED: env.getBool('WEBGL_RENDER_FLOAT32_ENABLED'),
          WEBGL_RENDER_FLOAT32_CAPABLE: env.getBool('WEBGL_RENDER_FLOAT32_CAPABLE'),
        },
      };
      const fp32 = setup.flags.WEBGL_RENDER_FLOAT32_ENABLED && !setup.flags.WEBGL_FORCE_F16_TEXTURES;
      if (!fp32 && options.allowF16 !== true) {
        return TE.left(new Error(`WebGL cannot render to float32 textures here (renderer ${info.renderer ?? 'unknown'}): training would run in half precision`));
      }
      return TE.right(setup);
    }),
  );
}
