/**
 * Layer signatures: what a layer does to a shape, as a value (for run-time shape inference and
 * receptive fields) whose type is the same thing at compile time. A signature is TypeScript's stand-in
 * for a type-level function: `OutputShape<Sig, S>` interprets it on an input shape `S`.
 */

/** A convolution: kernel, stride, symmetric padding, output channels. */
export interface ConvSig<K extends number = number, S extends number = number, P extends number = number, F extends number = number> {
  readonly op: 'conv';
  readonly kernel: K;
  readonly stride: S;
  readonly pad: P;
  readonly filters: F;
}

/** A transposed convolution (PyTorch `ConvTranspose2d` geometry, with `output_padding` OP). */
export interface ConvTransposeSig<
  K extends number = number,
  S extends number = number,
  P extends number = number,
  F extends number = number,
  OP extends number = number,
> {
  readonly op: 'convTranspose';
  readonly kernel: K;
  readonly stride: S;
  readonly pad: P;
  readonly filters: F;
  readonly outputPadding: OP;
}

/** A per-pixel map that keeps the shape (activations, dropout) or a norm, which also keeps it. */
export interface IdentitySig {
  readonly op: 'identity';
}

/** Spatial padding by `pad` on every side (reflection or zeros). */
export interface PadSig<P extends number = number> {
  readonly op: 'pad';
  readonly pad: P;
}

/** Layers applied in order. */
export interface SerialSig<Ls extends readonly Sig[] = readonly Sig[]> {
  readonly op: 'serial';
  readonly layers: Ls;
}

/** `x -> concat([x, inner(x)], channels)`: the U-Net skip connection. */
export interface SkipSig<I extends Sig = Sig> {
  readonly op: 'skip';
  readonly inner: I;
}

/** `x -> x + inner(x)`: the ResNet block. */
export interface ResidualSig<I extends Sig = Sig> {
  readonly op: 'residual';
  readonly inner: I;
}

/** Any layer signature. */
export type Sig = ConvSig | ConvTransposeSig | IdentitySig | PadSig | SerialSig | SkipSig | ResidualSig;
