/**
 * Why a `.pth` file could not be read, written or mapped onto a network. `kind` lets callers react
 * (`refused` never ran anything: the file asked for code this reader does not allow); `message` is a
 * sentence for a person, naming the global, key, shape or byte offset concerned.
 */
export interface PthError {
  readonly _tag: 'PthError';
  readonly kind: PthErrorKind;
  readonly message: string;
}

/**
 * - `not-a-checkpoint`: neither a zip nor a legacy PyTorch file (an HTML page, an empty file, ...).
 * - `truncated`: the container or a storage ends early (an interrupted download).
 * - `refused`: the pickle names a global or opcode a state dict never needs; nothing was evaluated.
 * - `malformed`: the container is readable but does not hold a state dict of tensors.
 * - `mismatch`: a state dict that does not fit the network asked for (or any known network).
 */
export type PthErrorKind = 'not-a-checkpoint' | 'truncated' | 'refused' | 'malformed' | 'mismatch';

/** Builds a {@link PthError}. */
export const pthError = (kind: PthErrorKind, message: string): PthError => ({ _tag: 'PthError', kind, message });

/**
 * Thrown inside the parsers (deep recursion makes threading an Either through every opcode noisy) and
 * caught at the public boundary, which returns it as a `Left`.
 */
export class PthFailure extends Error {
  constructor(readonly error: PthError) {
    super(error.message);
    this.name = 'PthFailure';
  }
}

/** Throws a {@link PthFailure}. */
export function fail(kind: PthErrorKind, message: string): never {
  throw new PthFailure(pthError(kind, message));
}
