import * as E from 'fp-ts/Either';
import { requireNat, type NatArg, type Shape, type Tensor } from '@pix2pix-ts/shape-types';
import { checkChannels, rank4, type ChannelsCheck, type FirstFail, type InChannels, type NeedsNHWC, type OptionsCheck, type Rank4 } from '../core/output-shape';
import { IDENTITY } from '../core/receptive-field';
import type { Sig } from '../core/signature';

/** Type level: a per-channel map on `S` with `C` declared channels: `S`, or `<op>: channels 39 ≠ 64 expected`. */
export type NormOut<Op extends string, S, C extends number> = S extends Rank4
  ? FirstFail<[OptionsCheck<NatArg<Op, 'channels', C>>, ChannelsCheck<Op, C, S[3]>], S>
  : NeedsNHWC<Op, S>;

/** A per-channel vector of the channels a norm works on: `Tensor<[C]>`. */
export type PerChannel<S, C extends number> = Tensor<readonly [InChannels<S, C>]>;

/**
 * Signature of a per-channel normalisation (`op` tells which): keeps the shape, checks the declared
 * channel count `C` (`number`: any), and has parameters `P` and state `St` computed by its layer.
 */
export interface NormSigBase<Op extends string, C extends number> extends Sig {
  readonly op: Op;
  /** Declared channels; absent when taken from the input. */
  readonly channels?: C;
  readonly '~out'?: NormOut<Op, this['~in'], C>;
  readonly '~field'?: readonly [1, 1];
}

/** The run-time part of a norm signature with optional declared `channels`: its shape rule and field. */
export function normRules<C extends number>(op: string, channels: C | undefined): Pick<NormSigBase<string, C>, 'channels' | 'field' | 'outputShape'> {
  if (channels !== undefined) requireNat(op, 'channels', channels);
  return {
    ...(channels === undefined ? {} : { channels }),
    field: IDENTITY,
    outputShape: (input: Shape) => E.flatMap(rank4(op, input), (s) => checkChannels(op, channels, s)),
  };
}
