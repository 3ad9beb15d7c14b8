import { gzipSync } from 'node:zlib';
import { encodeImage } from './images';
import { makeTar, type TarMember } from './make-tar';

/**
 * A tiny stand-in for an official dataset archive: `<name>/<split>/<i>.png` aligned AB images (`size` x 2 wide,
 * `size` tall), laid out as the authors' archives are. `seed` changes every pixel (a "changed archive").
 */
export const datasetArchive = async (
  name: string,
  splits: Readonly<Record<string, number>>,
  options: { readonly seed?: number; readonly size?: number; readonly level?: number } = {},
): Promise<Uint8Array> => {
  const size = options.size ?? 32;
  const members: TarMember[] = [{ path: `${name}/`, type: 'directory' }];
  for (const [split, count] of Object.entries(splits)) {
    members.push({ path: `${name}/${split}/`, type: 'directory' });
    for (let i = 1; i <= count; i++) {
      members.push({ path: `${name}/${split}/${i}.png`, data: await encodeImage(2 * size, size, 'png', 3, (options.seed ?? 0) * 1000 + i) });
    }
  }
  return gzipSync(makeTar(members), { level: options.level ?? 6 });
};
