/**
 * The benchmark page's bundle: starts the backend the runner asks for — webgl (`setupWebgl`, fp32 render
 * targets checked) or webgpu (`setupWebgpu`, the browser's adapter; none is an error saying so) — and exposes
 * the browser-safe measurements as `globalThis.pix2pixBench`; every argument is decoded with io-ts.
 * @packageDocumentation
 */
import { decodeWith, setupWebgl, setupWebgpu, webgpuAdapterName } from '@pix2pix-ts/browser';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { measure, peakMatmul } from './measure';
import { MeasureRequest, type PageSetup } from './wire';

const orThrow = <A>(r: E.Either<Error, A>): A => {
  if (E.isLeft(r)) throw r.left;
  return r.right;
};

const PeakRequest = t.type({ n: t.number, runs: t.number }, 'PeakRequest');
const SetupRequest = t.type({ backend: t.keyof({ webgl: null, webgpu: null }) }, 'SetupRequest');

async function setup(req: unknown): Promise<PageSetup> {
  const { backend } = orThrow(decodeWith(SetupRequest, 'setup request')(req));
  if (backend === 'webgpu') {
    const gpu = orThrow(await setupWebgpu()());
    return { backend, renderer: webgpuAdapterName(gpu.backend.adapter), flags: { ...gpu.flags } };
  }
  const gl = orThrow(await setupWebgl()());
  return { backend, renderer: gl.backend.renderer ?? 'unknown renderer', flags: { WEBGL_PACK: gl.flags.WEBGL_PACK } };
}

Reflect.set(globalThis, 'pix2pixBench', {
  setup,
  measure: async (req: unknown): Promise<unknown> => measure(orThrow(decodeWith(MeasureRequest, 'measure request')(req))),
  peak: async (req: unknown): Promise<unknown> => {
    const { n, runs } = orThrow(decodeWith(PeakRequest, 'peak request')(req));
    return peakMatmul(n, runs);
  },
});
Reflect.set(globalThis, 'pix2pixReady', true);
