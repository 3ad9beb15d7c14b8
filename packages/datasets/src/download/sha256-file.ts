import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The SHA-256 of a file as 64 lowercase hex digits, streamed.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { sha256File } from '@pix2pix-ts/datasets/node';
 * const path = join(tmpdir(), 'hello.txt');
 * writeFileSync(path, 'hello\n');
 * const digest = await sha256File(path); // '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03'
 * ```
 */
export const sha256File = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer); // no encoding given: the stream yields Buffers
  return hash.digest('hex');
};
