import * as E from 'fp-ts/Either';
import { buildNets, discriminatorChannels } from '@pix2pix-ts/pix2pix';
import { networkCost } from './network-cost';
import { netDInputOf, type RunConfig } from './run-config';

/** The most the wasm backend can address: a 32-bit heap (tfjs-backend-wasm's `getHeapMax()`: 4 GiB - 64 KiB). */
export const WASM_HEAP_BYTES = 4294901760;

/**
 * How much memory a training run may use on a backend: the machine's, and at most the wasm heap on wasm.
 *
 * @example
 * ```ts
 * import { memoryLimitOf } from '@pix2pix-ts/cli';
 * memoryLimitOf('wasm', 16 * 2 ** 30); // { bytes: 4294901760, what: 'the 4.0 GiB the wasm backend can address' }
 * ```
 */
export function memoryLimitOf(backend: 'cpu' | 'wasm' | 'webgl' | 'webgpu', machineBytes: number): { readonly bytes: number; readonly what: string } {
  if (backend === 'wasm' && WASM_HEAP_BYTES < machineBytes) return { bytes: WASM_HEAP_BYTES, what: `the ${gib(WASM_HEAP_BYTES)} the wasm backend can address` };
  return { bytes: machineBytes, what: `this machine's ${gib(machineBytes)} of memory` };
}

const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

/**
 * A lower bound of the memory one training step needs, in bytes (float32): every conv weight four times
 * (weights, gradients, Adam's two moments), the generator's activations twice (kept for backward, and their
 * gradients) and the discriminator's four times (on the real and the fake pair, in the D and the G step).
 * Biases, norms and temporaries are left out, so a run refused by it cannot fit.
 *
 * @example
 * ```ts
 * import { buildRunConfig, trainingBytes } from '@pix2pix-ts/cli';
 * // trainingBytes(paperConfig) is about 1 GB: unet_256 ngf 64 has 54 M conv weights
 * ```
 */
export function trainingBytes(config: RunConfig): { readonly bytes: number; readonly weights: number } {
  const { generator, discriminator } = buildNets(config.model);
  const { batchSize: b, cropSize: s } = config.data;
  const g = networkCost(generator, [b, s, s, config.model.inputNc]);
  const d = config.objective.ganMode === 'none' ? { weights: 0, activations: 0 } : networkCost(discriminator, [b, s, s, discriminatorChannels(config.model.inputNc, config.model.outputNc, netDInputOf(config.model))]);
  return { bytes: 4 * (4 * (g.weights + d.weights) + 2 * g.activations + 4 * d.activations), weights: g.weights + d.weights };
}

const count = (n: number): string => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} G` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : `${Math.round(n)}`);

/**
 * Checks, before any compute, that a run's configuration fits its data and its machine; the problem is one line
 * naming the official options (never internal names), or `undefined`:
 * - `--batch_size` at most the number of training pairs;
 * - a discriminator that leaves at least one patch of the crop (`--n_layers_D` against `--crop_size`);
 * - the memory of a step ({@link trainingBytes}) within `memory` (see {@link memoryLimitOf}).
 *
 * @example
 * ```ts
 * import { fitProblem } from '@pix2pix-ts/cli';
 * // fitProblem(config, { pairs: 8, memory }) === '--batch_size 100000: more than the 8 training pairs; use --batch_size 8 or less'
 * ```
 */
export function fitProblem(config: RunConfig, data: { readonly pairs: number; readonly memory: { readonly bytes: number; readonly what: string } }): string | undefined {
  const { batchSize, cropSize, maxDatasetSize } = config.data;
  if (batchSize > data.pairs) {
    const limited = maxDatasetSize !== null && maxDatasetSize === data.pairs ? ` (--max_dataset_size ${maxDatasetSize})` : '';
    return `--batch_size ${batchSize}: more than the ${data.pairs} training pair${data.pairs === 1 ? '' : 's'}${limited}; use --batch_size ${data.pairs} or less`;
  }
  const m = config.model;
  if (config.objective.ganMode !== 'none') {
    const d = networkCost(buildNets(m).discriminator, [1, cropSize, cropSize, discriminatorChannels(m.inputNc, m.outputNc, netDInputOf(m))]).output;
    const patches = E.isRight(d) ? (d.right[1] ?? 0) : 0;
    if (patches < 1) {
      const which = m.netD === 'n_layers' ? `--n_layers_D ${m.nLayersD}` : `--netD ${m.netD}`;
      return `${which} does not fit --crop_size ${cropSize}: the discriminator would have no patch left (${E.isLeft(d) ? d.left : `${patches}x${patches} output`}); use a smaller --n_layers_D or a larger --crop_size`;
    }
  }
  const need = trainingBytes(config);
  if (need.bytes > data.memory.bytes) {
    return (
      `--netG ${m.netG} --ngf ${m.ngf} --ndf ${m.ndf} --crop_size ${cropSize} --batch_size ${batchSize}: one training step needs at least ${gib(need.bytes)} ` +
      `(${count(need.weights)} conv weights, each kept 4 times, and the activations), more than ${data.memory.what}; lower --ngf, --ndf, --crop_size or --batch_size`
    );
  }
  return undefined;
}
