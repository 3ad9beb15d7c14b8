import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { facadesRoot, locateSharedFacades, type FacadesLocation } from '@pix2pix-ts/datasets/node';

/**
 * Where the example finds CMP Facades, through the datasets package's resolver: the project's shared copy
 * (`../shared/data/facades` beside the repository, or `$PIX2PIX_SHARED/data/facades`) when it exists, else
 * `$PIX2PIX_DATA/facades`, the cache (`~/.cache/pix2pix-ts/facades`), or a download of the official archive
 * into the cache (checked against the known content digest).
 */
export function resolveFacades(repoRoot: string): TE.TaskEither<string, FacadesLocation> {
  return pipe(
    TE.fromTask(() => locateSharedFacades(repoRoot)),
    TE.chain((shared) => facadesRoot({ phase: 'train', ...(shared === undefined ? {} : { root: shared }) })),
    TE.mapLeft((e) => e.message),
  );
}
