import { fail } from './pth-error';

/** Element types of the storages a pix2pix state dict holds, by their PyTorch storage class. */
export type StorageDType = 'float32' | 'float16' | 'bfloat16' | 'float64' | 'int64';

/** `torch.<Name>Storage` -> element type. Any other storage class is refused by the unpickler. */
export const STORAGE_DTYPES: Readonly<Record<string, StorageDType>> = {
  FloatStorage: 'float32',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  DoubleStorage: 'float64',
  LongStorage: 'int64',
};

/** The storage class name PyTorch uses for a dtype this project writes. */
export const STORAGE_CLASS: Readonly<Record<'float32' | 'float16' | 'int64', string>> = {
  float32: 'FloatStorage',
  float16: 'HalfStorage',
  int64: 'LongStorage',
};

/** Bytes per element. */
export const ELEMENT_BYTES: Readonly<Record<StorageDType, number>> = { float32: 4, float16: 2, bfloat16: 2, float64: 8, int64: 8 };

/** The values of a storage as this package keeps them: floating types as float32, int64 as is. */
export type StorageValues = Float32Array | BigInt64Array;

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** IEEE half -> float32 (exact: every half is a float32). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 -> IEEE half, rounding to nearest even as PyTorch's `.half()`; overflow gives ±Infinity. */
export function floatToHalf(x: number): number {
  f32[0] = x;
  const bits = u32[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = m & ((1 << shift) - 1);
    let out = m >>> shift;
    if (rest > half || (rest === half && (out & 1) === 1)) out++;
    return sign | out;
  }
  let out = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (out & 1) === 1)) out++;
  return sign | out;
}

/**
 * Decodes `count` little-endian elements of `dtype` starting at `bytes[0]` into this package's value
 * arrays. A copy, unless `owned` says the bytes are already this reader's own (a record the zip library
 * extracted): then float32 / int64 storages are viewed in place, which saves a pass over a 200 MB file.
 */
export function decodeStorage(bytes: Uint8Array, dtype: StorageDType, count: number, owned = false): StorageValues {
  const need = count * ELEMENT_BYTES[dtype];
  const inPlace = owned && LITTLE_ENDIAN_HOST && bytes.byteOffset % 8 === 0;
  if (bytes.byteLength < need) fail('truncated', `a ${dtype} storage of ${count} elements needs ${need} bytes, the file has ${bytes.byteLength}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, need);
  switch (dtype) {
    case 'float32': {
      if (inPlace) return new Float32Array(bytes.buffer, bytes.byteOffset, count);
      if (LITTLE_ENDIAN_HOST) return new Float32Array(bytes.slice(0, need).buffer);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
      return out;
    }
    case 'float16': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      return out;
    }
    case 'bfloat16': {
      const out = new Float32Array(count);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = view.getUint16(i * 2, true) << 16;
      return out;
    }
    case 'float64': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
      return out;
    }
    case 'int64': {
      if (inPlace) return new BigInt64Array(bytes.buffer, bytes.byteOffset, count);
      if (LITTLE_ENDIAN_HOST) return new BigInt64Array(bytes.slice(0, need).buffer);
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getBigInt64(i * 8, true);
      return out;
    }
  }
}

/**
 * Encodes values as little-endian storage bytes of `dtype` (float32 / float16 / int64: what the writer emits).
 * float32 on a little-endian host is a view of `values` (no copy): the writer only reads it.
 */
export function encodeStorage(values: StorageValues, dtype: 'float32' | 'float16' | 'int64'): Uint8Array {
  if (dtype === 'int64') {
    if (!(values instanceof BigInt64Array)) fail('malformed', 'an int64 storage needs integer values');
    const out = new Uint8Array(values.length * 8);
    const view = new DataView(out.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, v, true));
    return out;
  }
  if (!(values instanceof Float32Array)) fail('malformed', `a ${dtype} storage needs floating-point values`);
  if (dtype === 'float16') {
    const out = new Uint8Array(values.length * 2);
    const view = new DataView(out.buffer);
    values.forEach((v, i) => view.setUint16(i * 2, floatToHalf(v), true));
    return out;
  }
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}
