import { translate } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import * as TE from 'fp-ts/TaskEither';
import { toInput, type LabelMap } from './label-map';
import type { DemoModel } from './load-model';

/** A translated image and how long it took. */
export interface Translation {
  /** RGBA, `size`×`size`. */
  readonly rgba: Uint8ClampedArray<ArrayBuffer>;
  readonly size: number;
  /** From the label map to pixels read back from the GPU, ms. */
  readonly ms: number;
}

/** Test-time behaviour (the paper's default: dropout on, batch statistics) and the image side. */
export interface TranslateSettings {
  readonly dropout: boolean;
  readonly batchStats: boolean;
  /** A multiple of the model's `sizeMultiple` (default: the model's `size`). */
  readonly size?: number;
}

/** Runs the generator on the label map: labels → [-1, 1] → generator → RGBA. Every tensor is freed. */
export function translateLabels(model: DemoModel, labels: LabelMap, settings: TranslateSettings): TE.TaskEither<Error, Translation> {
  return TE.tryCatch(
    async () => {
      const t0 = performance.now();
      const size = settings.size ?? model.size;
      const out = tf.tidy(() => {
        const x = tf.tensor4d(toInput(labels, size), [1, size, size, model.inChannels]);
        const y = translate(model.generator, model.vars, x, { dropout: settings.dropout, batchStats: settings.batchStats });
        // [-1, 1] → [0, 255], RGB of the first three channels.
        return tf.squeeze(tf.clipByValue(tf.mul(tf.add(y, 1), 127.5), 0, 255), [0]) as tf.Tensor3D;
      });
      const values = await out.data();
      out.dispose();
      const channels = model.outChannels;
      const rgba = new Uint8ClampedArray(size * size * 4);
      for (let i = 0; i < size * size; i++) {
        const v = (c: number): number => values[i * channels + Math.min(c, channels - 1)] ?? 0;
        rgba[i * 4] = v(0);
        rgba[i * 4 + 1] = v(1);
        rgba[i * 4 + 2] = v(2);
        rgba[i * 4 + 3] = 255;
      }
      return { rgba, size, ms: performance.now() - t0 };
    },
    (e) => (e instanceof Error ? e : new Error(String(e))),
  );
}
