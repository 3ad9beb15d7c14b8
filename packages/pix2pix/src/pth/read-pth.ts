import * as E from 'fp-ts/Either';
import { looksLikeLegacy, readLegacyStateDict } from './legacy-container';
import { fail, pthError, PthFailure, type PthError } from './pth-error';
import type { StateDict } from './state-dict';
import { looksLikeZip, readZipStateDict } from './zip-container';

/** The two containers `torch.save` has written: `zip` (PyTorch >= 1.6) and `legacy` (< 1.6). */
export type PthFormat = 'zip' | 'legacy';

/** What a `.pth` file holds. */
export interface PthContents {
  readonly format: PthFormat;
  readonly stateDict: StateDict;
}

const startsWithText = (bytes: Uint8Array, text: string): boolean => {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09 || bytes[i] === 0xef || bytes[i] === 0xbb || bytes[i] === 0xbf)) i++;
  return new TextDecoder('latin1').decode(bytes.subarray(i, i + text.length)).toLowerCase() === text;
};

function sniff(bytes: Uint8Array): PthFormat {
  if (looksLikeZip(bytes)) return 'zip';
  if (looksLikeLegacy(bytes)) return 'legacy';
  if (bytes.length === 0) fail('not-a-checkpoint', 'an empty file, not a PyTorch checkpoint');
  if (startsWithText(bytes, '<')) {
    fail('not-a-checkpoint', 'an HTML or XML page, not a PyTorch checkpoint: the download probably saved an error page (check the URL, or fetch it again)');
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) fail('not-a-checkpoint', 'a gzip file, not a PyTorch checkpoint: decompress it first');
  if (bytes.length > 262 && new TextDecoder('latin1').decode(bytes.subarray(257, 262)) === 'ustar') {
    fail('not-a-checkpoint', 'a tar archive (the format of PyTorch < 0.4 before the legacy container): load it in PyTorch and save it again');
  }
  return fail('not-a-checkpoint', 'neither a zip (PyTorch >= 1.6) nor a legacy (PyTorch < 1.6) checkpoint: the first bytes match no PyTorch container');
}

/**
 * Reads a `.pth` file (bytes: works the same in Node and browsers) into its state dict, through a
 * restricted unpickler that refuses any global but the few a state dict needs: nothing in the file is
 * ever executed. float16 / bfloat16 / float64 storages become float32 values (`dtype` keeps what the file
 * had), int64 stays int64; views (storage offsets, strides) are copied out contiguous.
 *
 * @example
 * ```ts
 * import { readPth } from '@pix2pix-ts/pix2pix';
 * // const contents = readPth(new Uint8Array(await (await fetch('latest_net_G.pth')).arrayBuffer()));
 * // if (contents._tag === 'Right') console.log([...contents.right.stateDict.keys()]);
 * ```
 */
export function readPth(bytes: Uint8Array): E.Either<PthError, PthContents> {
  try {
    const format = sniff(bytes);
    const stateDict = format === 'zip' ? readZipStateDict(bytes) : readLegacyStateDict(bytes);
    return E.right({ format, stateDict });
  } catch (e) {
    if (e instanceof PthFailure) return E.left(e.error);
    // A parser bug or a malformed length field that DataView rejects: still a clear Left, not a crash.
    return E.left(pthError('malformed', `unreadable checkpoint: ${e instanceof Error ? e.message : String(e)}`));
  }
}
