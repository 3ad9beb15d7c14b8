/**
 * The benchmark page's bundle: starts webgl (`setupWebgl`, fp32 render targets checked) and exposes
 * the browser-safe measurements as `globalThis.pix2pixBench`; every argument is decoded with io-ts.
 * @packageDocumentation
 */
import { decodeWith, setupWebgl } from '@pix2pix-ts/browser';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { measure, peakMatmul } from './measure';
import { MeasureRequest } from './wire';

const orThrow = <A>(r: E.Either<Error, A>): A => {
  if (E.isLeft(r)) throw r.left;
  return r.right;
};

const PeakRequest = t.type({ n: t.number, runs: t.number }, 'PeakRequest');

Reflect.set(globalThis, 'pix2pixBench', {
  setup: async (): Promise<unknown> => orThrow(await setupWebgl()()),
  measure: async (req: unknown): Promise<unknown> => measure(orThrow(decodeWith(MeasureRequest, 'measure request')(req))),
  peak: async (req: unknown): Promise<unknown> => {
    const { n, runs } = orThrow(decodeWith(PeakRequest, 'peak request')(req));
    return peakMatmul(n, runs);
  },
});
Reflect.set(globalThis, 'pix2pixReady', true);
