import fc from 'fast-check';

/** The padding forms tfjs' conv ops take (numeric = the same on all four sides). */
export type ConvPad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];

/** One 2-D convolution, NHWC: `x` is `[n,h,w,cin]`, the filter `[kh,kw,cin,cout]`. */
export interface ConvConfig {
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly cin: number;
  readonly cout: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  readonly pad: ConvPad;
  readonly seed: number;
}

/** Total padding [rows, columns] of a non-'same' pad. */
function padTotals(pad: Exclude<ConvPad, 'same'>): [number, number] {
  if (pad === 'valid') return [0, 0];
  if (typeof pad === 'number') return [2 * pad, 2 * pad];
  return [pad[1][0] + pad[1][1], pad[2][0] + pad[2][1]];
}

/** The conv's output height and width (tfjs' rules: floor for explicit pads, ceil for 'same'). */
export function convOutSize(c: ConvConfig): [number, number] {
  if (c.pad === 'same') return [Math.ceil(c.h / c.sh), Math.ceil(c.w / c.sw)];
  const [ph, pw] = padTotals(c.pad);
  return [Math.floor((c.h + ph - c.kh) / c.sh) + 1, Math.floor((c.w + pw - c.kw) / c.sw) + 1];
}

/** Whether the kernel fits the padded input (tfjs rejects, or yields empty outputs, otherwise). */
export function kernelFits(c: ConvConfig): boolean {
  if (c.pad === 'same') return true;
  const [ph, pw] = padTotals(c.pad);
  return c.kh <= c.h + ph && c.kw <= c.w + pw;
}

const pad: fc.Arbitrary<ConvPad> = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.constantFrom<ConvPad>('same', 'valid'),
  fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
    .map(([t, b, l, r]): ConvPad => [[0, 0], [t, b], [l, r], [0, 0]]),
);

/**
 * Small random convolutions: N 1..2, H,W 1..12, Cin,Cout 1..5, kernel 1..5 (per axis), stride
 * 1..3 (per axis), padding 0..3 / 'same' / 'valid' / explicit asymmetric 0..3, with the kernel
 * no larger than the padded input. Numeric pads come with square kernels and strides (see below).
 */
export const convConfig: fc.Arbitrary<ConvConfig> = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }),
    h: fc.integer({ min: 1, max: 12 }),
    w: fc.integer({ min: 1, max: 12 }),
    cin: fc.integer({ min: 1, max: 5 }),
    cout: fc.integer({ min: 1, max: 5 }),
    kh: fc.integer({ min: 1, max: 5 }),
    kw: fc.integer({ min: 1, max: 5 }),
    sh: fc.integer({ min: 1, max: 3 }),
    sw: fc.integer({ min: 1, max: 3 }),
    pad,
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  })
  // tfjs-core sizes a numeric-pad conv with the *height's* kernel and stride on both axes
  // (conv_util.getPadAndOutInfo), so numeric pads are only meaningful for square kernels/strides.
  .map((c) => (typeof c.pad === 'number' ? { ...c, kw: c.kh, sw: c.sh } : c))
  .filter(kernelFits);

/** A config in words, for failure messages. */
export function describeConv(c: ConvConfig): string {
  return `x=[${c.n},${c.h},${c.w},${c.cin}] k=${c.kh}x${c.kw} s=${c.sh}x${c.sw} pad=${JSON.stringify(c.pad)} cout=${c.cout} seed=${c.seed}`;
}
