import type { ConvTransposeSig } from '../conv/conv-transpose2d';
import type { ConvSig } from '../conv/conv2d';
import type { SerialSig } from '../combinators/serial';
import type { Sig } from './signature';

/**
 * Whether a signature is a conv's or a transposed conv's (for tools that walk a network: cost, summaries).
 * Signatures are open, so a walk uses guards like this one, and `sig.outputShape` for everything else.
 *
 * @example
 * ```ts
 * import { conv2d, isConvLikeSig } from '@pix2pix-ts/layers';
 * isConvLikeSig(conv2d({ filters: 8, kernel: 3 }).sig); // true
 * ```
 */
export function isConvLikeSig(sig: Sig): sig is ConvSig | ConvTransposeSig {
  return sig.op === 'conv' || sig.op === 'convTranspose';
}

/**
 * Whether a signature is a `serial`'s (its children in order: `sig.layers`).
 *
 * @example
 * ```ts
 * import { isSerialSig, relu, serial } from '@pix2pix-ts/layers';
 * isSerialSig(serial(relu()).sig); // true
 * ```
 */
export function isSerialSig(sig: Sig): sig is SerialSig<readonly Sig[]> {
  return sig.op === 'serial';
}

/**
 * The signatures a wrapping signature contains besides a serial's layers (a skip's inner and path, a
 * residual's or a named block's inner, any user combinator with `inner`): each reads the wrapper's input.
 *
 * @example
 * ```ts
 * import { relu, skip, wrappedSigs } from '@pix2pix-ts/layers';
 * wrappedSigs(skip(relu()).sig).length; // 1
 * ```
 */
export function wrappedSigs(sig: Sig): readonly Sig[] {
  const children: Sig[] = [];
  for (const name of ['path', 'inner'] as const) {
    const child: unknown = name in sig ? Reflect.get(sig, name) : undefined;
    if (isSig(child)) children.push(child);
  }
  return children;
}

const isSig = (x: unknown): x is Sig => typeof x === 'object' && x !== null && 'op' in x && 'outputShape' in x && 'field' in x;
