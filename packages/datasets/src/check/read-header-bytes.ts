import { open } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { readImageHeader } from '../decode/image-header';
import { ioError, type DatasetError } from '../errors/dataset-error';

/** Bytes read first: a JPEG's frame header usually follows its EXIF/ICC segments within this. */
const FIRST_BYTES = 64 * 1024;

const readUpTo = async (path: string, limit: number): Promise<{ readonly bytes: Uint8Array; readonly size: number }> => {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const bytes = new Uint8Array(Math.min(size, limit));
    let got = 0;
    while (got < bytes.length) {
      const { bytesRead } = await file.read(bytes, got, bytes.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return { bytes: bytes.subarray(0, got), size };
  } finally {
    await file.close();
  }
};

/**
 * The first bytes of a file, enough for {@link readImageHeader}: 64 KiB, or the whole file when its header is
 * not within them (a JPEG with a large EXIF thumbnail or ICC profile before its frame header). Cheap on big
 * images: a 50 MB photo costs one 64 KiB read.
 *
 * @example
 * ```ts
 * import { readHeaderBytes } from '@pix2pix-ts/datasets/node';
 * const bytes = await readHeaderBytes('facades/train/1.jpg')(); // Right(Uint8Array(65536))
 * ```
 */
export const readHeaderBytes = (path: string): TE.TaskEither<DatasetError, Uint8Array> =>
  TE.tryCatch(
    async () => {
      const first = await readUpTo(path, FIRST_BYTES);
      if (first.size <= first.bytes.length || E.isRight(readImageHeader(first.bytes))) return first.bytes;
      return (await readUpTo(path, first.size)).bytes;
    },
    (cause) => ioError(path, cause),
  );
