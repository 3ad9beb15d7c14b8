import * as E from 'fp-ts/Either';
import * as t from 'io-ts';

const Hints = t.partial({
  size: t.number,
  direction: t.string,
  step: t.number,
  data: t.partial({ cropSize: t.number, direction: t.string }),
  test: t.partial({ dropout: t.boolean, batchStats: t.boolean }),
  testTime: t.partial({ dropout: t.boolean, batchStats: t.boolean }),
  config: t.partial({
    data: t.partial({ cropSize: t.number, direction: t.string }),
    test: t.partial({ dropout: t.boolean, batchStats: t.boolean }),
  }),
});

/** What a model's manifest says about using it, beyond its architecture. */
export interface ModelHints {
  /** The image side it was trained at (`crop_size`). */
  readonly size?: number;
  /** `AtoB` or `BtoA`. */
  readonly direction?: string;
  /** The test-time behaviour it was evaluated with. */
  readonly dropout?: boolean;
  readonly batchStats?: boolean;
  readonly step?: number;
}

/**
 * Reads the usage hints from a `model.json`'s `modelTopology`: a training checkpoint's
 * (`{ step, config: { data: { cropSize, direction }, test } }`) or an exported generator's
 * (`{ size, direction, testTime, step }`). Anything missing or malformed is left out.
 *
 * @example
 * ```ts
 * import { modelHints } from '@pix2pix-ts/browser';
 * modelHints({ size: 256, direction: 'BtoA', testTime: { dropout: true, batchStats: true } }); // { size: 256, direction: 'BtoA', dropout: true, batchStats: true }
 * ```
 */
export function modelHints(topology: unknown): ModelHints {
  const decoded = Hints.decode(topology);
  if (E.isLeft(decoded)) return {};
  const h = decoded.right;
  const size = h.size ?? h.data?.cropSize ?? h.config?.data?.cropSize;
  const direction = h.direction ?? h.data?.direction ?? h.config?.data?.direction;
  const test = h.testTime ?? h.test ?? h.config?.test;
  return {
    ...(size === undefined ? {} : { size }),
    ...(direction === undefined ? {} : { direction }),
    ...(test?.dropout === undefined ? {} : { dropout: test.dropout }),
    ...(test?.batchStats === undefined ? {} : { batchStats: test.batchStats }),
    ...(h.step === undefined ? {} : { step: h.step }),
  };
}
