/**
 * FLOP counting from the layer shapes. Only convolutions and transposed convolutions are counted
 * (norms, activations, concatenations, losses and Adam are a few percent at most and are left out).
 *
 * The rule:
 * - forward of one conv: `2 · MACs`, MACs = N · H_out · W_out · C_out · k² · C_in;
 *   of one transposed conv: MACs = N · H_in · W_in · C_in · k² · C_out (its small side);
 * - backward of one layer: the data gradient costs one forward, the weight gradient one forward;
 * - a training step counts the paper's algorithm (the official `optimize_parameters`), whatever an
 *   implementation recomputes: G forward once; D forward three times (fake and real for the D step,
 *   fake again for the G step); D step backward: weight gradients of every D layer and data
 *   gradients of every D layer but the first, twice (fake and real); G step backward through D: data
 *   gradients of every D layer (down to fake_B), no weight gradients; G backward: weight gradients of
 *   every G layer and data gradients of every G layer but the first. So
 *   `step = 3·F_G − F_G1 + 3·F_D + 2·(2·F_D − F_D1) + F_D`, with F_x1 the first layer's forward.
 * @packageDocumentation
 */
import type { BenchConfig } from './configs';
import { CHANNELS } from './configs';

/** One conv or transposed conv: NHWC shapes in and out, square kernel. */
export interface ConvShape {
  readonly kind: 'conv' | 'convT';
  readonly n: number;
  readonly hIn: number;
  readonly wIn: number;
  readonly cIn: number;
  readonly hOut: number;
  readonly wOut: number;
  readonly cOut: number;
  readonly k: number;
}

/** Multiply-accumulates of one forward. */
export function macs(c: ConvShape): number {
  const spatial = c.kind === 'conv' ? c.hOut * c.wOut : c.hIn * c.wIn;
  return c.n * spatial * c.k * c.k * c.cIn * c.cOut;
}

/** Forward FLOPs of a list of layers (2 per MAC). */
export function forwardFlops(layers: readonly ConvShape[]): number {
  return layers.reduce((s, c) => s + 2 * macs(c), 0);
}

const down = (n: number, h: number, cIn: number, cOut: number): ConvShape => ({ kind: 'conv', n, hIn: h, wIn: h, cIn, hOut: h / 2, wOut: h / 2, cOut, k: 4 });
const up = (n: number, h: number, cIn: number, cOut: number): ConvShape => ({ kind: 'convT', n, hIn: h, wIn: h, cIn, hOut: h * 2, wOut: h * 2, cOut, k: 4 });

/**
 * The convolutions of the official `UnetGenerator` (`num_downs` = depth), in execution order (downs,
 * then ups). Channels by level: in, ngf, 2ngf, 4ngf, then 8ngf; each up conv but the innermost reads
 * the skip concatenation (twice the channels).
 */
export function unetConvs(size: number, depth: number, ngf: number, inC = CHANNELS, outC = CHANNELS, n = 1): ConvShape[] {
  const c = (level: number): number => (level === 0 ? inC : ngf * Math.min(2 ** (level - 1), 8));
  const downs: ConvShape[] = [];
  const ups: ConvShape[] = [];
  for (let i = 0; i < depth; i++) {
    const h = size / 2 ** i;
    downs.push(down(n, h, c(i), c(i + 1)));
    const upIn = i === depth - 1 ? c(i + 1) : 2 * c(i + 1);
    ups.unshift(up(n, h / 2, upIn, i === 0 ? outC : c(i)));
  }
  return [...downs, ...ups];
}

/** The convolutions of the official `NLayerDiscriminator` (`n_layers_D` = nLayers ≥ 1) on (A, B) pairs. */
export function patchGanConvs(size: number, nLayers: number, ndf: number, inC = 2 * CHANNELS, n = 1): ConvShape[] {
  const layers: ConvShape[] = [down(n, size, inC, ndf)];
  let h = size / 2;
  let c = ndf;
  for (let i = 1; i < nLayers; i++) {
    const next = ndf * Math.min(2 ** i, 8);
    layers.push(down(n, h, c, next));
    h /= 2;
    c = next;
  }
  const s1 = (hIn: number, cIn: number, cOut: number): ConvShape => ({ kind: 'conv', n, hIn, wIn: hIn, cIn, hOut: hIn - 1, wOut: hIn - 1, cOut, k: 4 });
  const last = ndf * Math.min(2 ** nLayers, 8);
  layers.push(s1(h, c, last), s1(h - 1, last, 1));
  return layers;
}

/** FLOPs of one configuration: the generator's forward and one training step (the rule above). */
export interface ConfigFlops {
  readonly generatorForward: number;
  readonly discriminatorForward: number;
  readonly trainStep: number;
}

/** Counts a configuration's FLOPs with the module's rule. */
export function configFlops(config: BenchConfig): ConfigFlops {
  const g = unetConvs(config.size, config.depth, config.ngf);
  const d = patchGanConvs(config.size, config.nLayers, config.ndf);
  const fG = forwardFlops(g);
  const fD = forwardFlops(d);
  const fG1 = forwardFlops(g.slice(0, 1));
  const fD1 = forwardFlops(d.slice(0, 1));
  const trainStep = 3 * fG - fG1 + 3 * fD + 2 * (2 * fD - fD1) + fD;
  return { generatorForward: fG, discriminatorForward: fD, trainStep };
}

/** The counting rule in words, stored in the JSON and printed under the table. */
export const FLOP_RULE =
  'conv/convT only; forward = 2·MACs (conv: N·Hout·Wout·Cout·k²·Cin; convT: N·Hin·Win·Cin·k²·Cout); backward = data gradient (1 forward) + weight gradient (1 forward); ' +
  "train step = the paper's algorithm: 1 G forward + 3 D forwards + D-step backward (weights, and data gradients but D's first layer, twice) + D data gradients for the G step + G backward (weights, data gradients but G's first layer) = 3F_G − F_G1 + 8F_D − 2F_D1; " +
  "work an implementation repeats (both TypeScript ones run G's forward again on the G step's tape) is not counted";
