import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { NetVars } from '../train/train-state';
import { describeOfficialNet, type OfficialNet } from './official-net';
import { stateDictToVars, varsToStateDict, type VarsToStateDictOptions } from './official-mapping';
import { firstDifference, inferOfficialNet, looksLike, normaliseStateDict } from './official-state-dict';
import { pthError, type PthError } from './pth-error';
import { readPth, type PthFormat } from './read-pth';
import { writePth, type WritePthOptions } from './write-pth';

/** An official checkpoint brought into this package: the network, our variables and what was cleaned. */
export interface ImportedPth {
  /** The network the file holds (inferred, or the one asked for; a U-Net's dropout comes from the request or the default). */
  readonly spec: OfficialNet;
  /** Parameters and norm statistics for `buildOfficialNet(spec)`; the caller owns them (`disposeTree`). */
  readonly vars: NetVars;
  readonly format: PthFormat;
  /** `module.` when the file came from DataParallel. */
  readonly keyPrefix: string;
  /** Old InstanceNorm statistics removed, as the official loader removes them. */
  readonly droppedKeys: readonly string[];
  /** `num_batches_tracked` per key, kept so an export writes the same counts back. */
  readonly numBatchesTracked: ReadonlyMap<string, bigint>;
}

/** Options of {@link importPth}. */
export interface ImportPthOptions {
  /** The network expected; a file that differs is an error naming the first differing key. Default: inferred. */
  readonly expect?: OfficialNet;
}

/**
 * Reads an official PyTorch pix2pix checkpoint (`latest_net_G.pth`, a pretrained `facades_label2photo.pth`,
 * a DataParallel or half-precision one, zip or legacy format) into variables for our network. Without
 * `expect` the network is inferred from the keys and shapes; with it, a file that does not fit is a
 * `mismatch` error naming the first key or shape that differs and what the file looks like.
 *
 * @example
 * ```ts
 * import { buildOfficialNet, importPth, translate } from '@pix2pix-ts/pix2pix';
 * // const imported = importPth(bytes);
 * // if (imported._tag === 'Right') translate(buildOfficialNet(imported.right.spec), imported.right.vars, image);
 * ```
 */
export function importPth(bytes: Uint8Array, options: ImportPthOptions = {}): E.Either<PthError, ImportedPth> {
  return pipe(
    readPth(bytes),
    E.chain(({ format, stateDict }) => {
      const clean = normaliseStateDict(stateDict);
      const sd = clean.stateDict;
      const expect = options.expect;
      let spec: OfficialNet;
      if (expect === undefined) {
        const inferred = inferOfficialNet(sd);
        if (inferred === undefined) {
          const first = [...sd].slice(0, 3).map(([k, t]) => `${k} [${t.shape.join(', ')}]`).join(', ');
          return E.left(pthError('mismatch', `the state dict is not an official pix2pix network (unet_<N>, resnet_<B>blocks, basic, n_layers, pixel); it starts ${first || 'empty'}`));
        }
        spec = inferred;
      } else {
        const diff = firstDifference(expect, sd);
        if (diff !== undefined) return E.left(pthError('mismatch', `the checkpoint does not fit ${describeOfficialNet(expect)}: ${diff}; ${looksLike(sd)}`));
        spec = expect;
      }
      const { vars, numBatchesTracked } = stateDictToVars(spec, sd);
      return E.right({ spec, vars, format, keyPrefix: clean.keyPrefix, droppedKeys: clean.dropped, numBatchesTracked });
    }),
  );
}

/** Options of {@link exportPth}. */
export type ExportPthOptions = VarsToStateDictOptions & WritePthOptions;

/**
 * Our variables for `buildOfficialNet(spec)` as a `.pth` file the official code loads with `strict=True`
 * (`torch.load(path, weights_only=True)`; zip format). Throws if the variables do not fit the spec.
 *
 * @example
 * ```ts
 * import { exportPth, officialGenerator } from '@pix2pix-ts/pix2pix';
 * const spec = officialGenerator('unet_256'); // unet_256, ngf 64, batch norm, 3 -> 3 (undefined for an unknown name)
 * // if (spec) const bytes = exportPth(spec, state.g, { numBatchesTracked: BigInt(state.step) });
 * ```
 */
export function exportPth(spec: OfficialNet, vars: NetVars, options: ExportPthOptions = {}): Uint8Array {
  return writePth(varsToStateDict(spec, vars, options), options);
}
