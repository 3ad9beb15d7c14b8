/**
 * Why a command failed, with the process exit code it maps to: `Usage` (a bad option: 2), `Input` (a missing
 * folder, a bad checkpoint, an unreadable file: 1), `Backend` (the backend cannot run here: 1),
 * `Interrupted` (Ctrl-C, after saving: 130).
 */
export interface CliError {
  readonly _tag: 'Usage' | 'Input' | 'Backend' | 'Interrupted' | 'Internal';
  /** One line, shown as `pix2pix: <message>`. */
  readonly message: string;
}

/** The exit code of an error kind. */
export const exitCodeOf = (e: CliError): number => {
  switch (e._tag) {
    case 'Usage':
      return 2;
    case 'Interrupted':
      return 130;
    case 'Input':
    case 'Backend':
    case 'Internal':
      return 1;
  }
};

/** A usage error (exit 2). */
export const usageError = (message: string): CliError => ({ _tag: 'Usage', message });
/** An input error (exit 1): missing data, bad checkpoint, unreadable file. */
export const inputError = (message: string): CliError => ({ _tag: 'Input', message });
/** A backend that cannot run here (exit 1). */
export const backendError = (message: string): CliError => ({ _tag: 'Backend', message });
/** An unexpected failure (exit 1). */
export const internalError = (message: string): CliError => ({ _tag: 'Internal', message });

/** The message of anything thrown. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
