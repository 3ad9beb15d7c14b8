import * as E from 'fp-ts/Either';
import { IDENTITY } from './receptive-field';
import type { NoParams, Sig } from './signature';

/** Signature of a per-pixel map that keeps the shape, of any rank (activations, dropout, `identity`). */
export interface IdentitySig extends Sig {
  readonly op: 'identity';
  readonly '~out'?: this['~in'];
  readonly '~params'?: NoParams;
  readonly '~state'?: NoParams;
  readonly '~field'?: readonly [1, 1];
}

/** The value of {@link IdentitySig}: the shape passes through, the field is one pixel. */
export const IDENTITY_SIG: IdentitySig = { op: 'identity', field: IDENTITY, outputShape: E.right };
