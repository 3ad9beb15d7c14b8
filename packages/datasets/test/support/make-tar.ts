import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A member for {@link makeTar}: a file with data, or a directory, or a symlink. */
export interface TarMember {
  readonly path: string;
  readonly type?: 'file' | 'directory' | 'symlink';
  readonly data?: Uint8Array;
  readonly linkTarget?: string;
}

const header = (name: string, size: number, type: string, linkname = ''): Uint8Array => {
  const h = new Uint8Array(512);
  const put = (s: string, at: number, len: number): void => {
    const b = new TextEncoder().encode(s);
    h.set(b.subarray(0, len), at);
  };
  const oct = (n: number, len: number): string => n.toString(8).padStart(len - 1, '0');
  put(name, 0, 100);
  put(oct(0o644, 8), 100, 8);
  put(oct(0, 8), 108, 8);
  put(oct(0, 8), 116, 8);
  put(oct(size, 12), 124, 12);
  put(oct(0, 12), 136, 12);
  put('        ', 148, 8);
  put(type, 156, 1);
  put(linkname, 157, 100);
  put('ustar\u0000', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8);
  return h;
};

const pad = (n: number): Uint8Array => new Uint8Array((512 - (n % 512)) % 512);

/** A minimal ustar writer for tests (GNU `L` records for names over 100 bytes). */
export const makeTar = (members: readonly TarMember[]): Uint8Array => {
  const parts: Uint8Array[] = [];
  for (const m of members) {
    const type = m.type ?? 'file';
    const data = m.data ?? new Uint8Array(0);
    if (new TextEncoder().encode(m.path).length > 100) {
      const long = new TextEncoder().encode(`${m.path}\u0000`);
      parts.push(header('././@LongLink', long.length, 'L'), long, pad(long.length));
    }
    if (type === 'directory') parts.push(header(m.path.slice(0, 100), 0, '5'));
    else if (type === 'symlink') parts.push(header(m.path.slice(0, 100), 0, '2', m.linkTarget ?? ''));
    else parts.push(header(m.path.slice(0, 100), data.length, '0'), data, pad(data.length));
  }
  parts.push(new Uint8Array(1024));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** `makeTar` of a folder's files under `prefix/`, gzipped. */
export const tarGzOfFolder = (folder: string, prefix: string): Uint8Array => {
  const members: TarMember[] = [{ path: `${prefix}/`, type: 'directory' }];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(folder, rel)).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      if (statSync(join(folder, r)).isDirectory()) {
        members.push({ path: `${prefix}/${r}/`, type: 'directory' });
        walk(r);
      } else {
        members.push({ path: `${prefix}/${r}`, data: readFileSync(join(folder, r)) });
      }
    }
  };
  walk('');
  return gzipSync(makeTar(members), { level: 1 });
};
