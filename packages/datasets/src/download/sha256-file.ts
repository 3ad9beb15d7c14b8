import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The SHA-256 of a file as 64 lowercase hex digits, streamed.
 *
 * @example
 * ```ts
 * import { sha256File } from '@pix2pix-ts/datasets/node';
 * const digest = await sha256File('facades.tar.gz');
 * ```
 */
export const sha256File = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer); // no encoding given: the stream yields Buffers
  return hash.digest('hex');
};
