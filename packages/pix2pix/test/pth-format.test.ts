import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatToHalf, gatherView, halfToFloat, readPth, writePth, type StateDict } from '../src/index';
import { PickleWriter } from '../src/pth/pickle-writer';
import { resolveGlobal, storageFromPersistentId } from '../src/pth/state-dict-globals';
import { unpickle } from '../src/pth/unpickler';
import { PyDict } from '../src/pth/pickle-value';

const hooks = { resolveGlobal, persistentLoad: storageFromPersistentId };

const left = (r: ReturnType<typeof readPth>) => (r._tag === 'Left' ? r.left : undefined);

/** A pickle: PROTO 2, the given body, STOP. */
const pickle = (...body: number[]) => Uint8Array.from([0x80, 2, ...body, 0x2e]);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

describe('float16', () => {
  it('every half decodes and encodes back to the same bits (NaN stays NaN)', () => {
    for (let h = 0; h < 0x10000; h++) {
      const x = halfToFloat(h);
      if (Number.isNaN(x)) expect(Number.isNaN(halfToFloat(floatToHalf(x)))).toBe(true);
      else expect(floatToHalf(x), `0x${h.toString(16)}`).toBe(h);
    }
  });

  it('floatToHalf rounds to the nearest half, ties to even (as PyTorch .half())', () => {
    fc.assert(
      fc.property(fc.float({ min: -60000, max: 60000, noNaN: true }), (x) => {
        const h = floatToHalf(x);
        const y = halfToFloat(h);
        // No other half is nearer: the neighbours are at least as far.
        for (const n of [h + 1, h - 1]) {
          const z = halfToFloat(n & 0xffff);
          if (Number.isFinite(z) && Math.sign(z) === Math.sign(y)) expect(Math.abs(z - x)).toBeGreaterThanOrEqual(Math.abs(y - x));
        }
      }),
      { seed: 13, numRuns: 2000 },
    );
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie -> even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(floatToHalf(70000)).toBe(0x7c00);
  });
});

describe('tensor views (storage offset, strides)', () => {
  it('gatherView copies exactly the elements a strided view selects, row-major', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        (shape, offset, seed) => {
          // A permuted (transposed) view of a contiguous buffer: the strides of a permutation of the axes.
          const order = shape.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13));
          const dims = order.map((i) => shape[i] as number);
          const base = new Array<number>(dims.length).fill(1);
          for (let d = dims.length - 2; d >= 0; d--) base[d] = (base[d + 1] as number) * (dims[d + 1] as number);
          const stride = shape.map((_, i) => base[order.indexOf(i)] as number);
          const n = shape.reduce((a, b) => a * b, 1);
          const storage = Float32Array.from({ length: offset + n }, (_, i) => i);
          const got = gatherView(storage, offset, shape, stride);
          const index = new Array<number>(shape.length).fill(0);
          for (let i = 0; i < n; i++) {
            expect(got[i]).toBe(offset + index.reduce((a, x, d) => a + x * (stride[d] as number), 0));
            for (let d = shape.length - 1; d >= 0; d--) {
              index[d] = (index[d] as number) + 1;
              if ((index[d] as number) < (shape[d] as number)) break;
              index[d] = 0;
            }
          }
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('a view that reads past its storage is an error, not garbage', () => {
    expect(() => gatherView(new Float32Array(4), 2, [3], [1])).toThrow(/reads past its storage of 4 elements/);
  });
});

describe('the restricted unpickler', () => {
  it('refuses any global outside the allowlist by name, at GLOBAL and STACK_GLOBAL, before anything runs', () => {
    const global = pickle(0x63, ...ascii('subprocess\nPopen\n'));
    expect(() => unpickle(global, 0, hooks)).toThrow(/global 'subprocess\.Popen'.*nothing was run/);
    const stackGlobal = pickle(0x8c, 2, ...ascii('os'), 0x8c, 6, ...ascii('system'), 0x93);
    expect(() => unpickle(stackGlobal, 0, hooks)).toThrow(/global 'os\.system'/);
  });

  it('refuses object-building opcodes (INST, OBJ, NEWOBJ, EXT1) naming the opcode and offset', () => {
    for (const op of [0x69, 0x6f, 0x81, 0x82]) {
      expect(() => unpickle(pickle(op), 0, hooks)).toThrow(new RegExp(`opcode 0x${op.toString(16)} .* at offset 2 is not allowed`));
    }
  });

  it('refuses calling a storage class and BUILD on anything but a dict', () => {
    const callStorage = pickle(0x63, ...ascii('torch\nFloatStorage\n'), 0x29, 0x52);
    expect(() => unpickle(callStorage, 0, hooks)).toThrow(/torch\.FloatStorage is only allowed as a storage type/);
    const buildList = pickle(0x5d, 0x7d, 0x62);
    expect(() => unpickle(buildList, 0, hooks)).toThrow(/BUILD on list/);
  });

  it('keeps a state dict _metadata (BUILD on the OrderedDict) without interpreting it', () => {
    const w = new PickleWriter().proto().global('collections', 'OrderedDict').emptyTuple().reduce();
    const bytes = Uint8Array.from([...w.finish(), 0x7d, 0x62, 0x2e]);
    const { value } = unpickle(bytes, 0, hooks);
    expect(value).toBeInstanceOf(PyDict);
  });

  it('reports a pickle cut short as truncated', () => {
    const r = readPth(Uint8Array.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc]));
    expect(left(r)?.kind).toBe('truncated');
  });

  it('says what an empty, gzip or unknown file is', () => {
    expect(left(readPth(new Uint8Array(0)))?.message).toMatch(/empty file/);
    expect(left(readPth(Uint8Array.from([0x1f, 0x8b, 8, 0])))?.message).toMatch(/gzip/);
    expect(left(readPth(Uint8Array.from(ascii('hello world'))))?.kind).toBe('not-a-checkpoint');
  });
});

describe('the writer', () => {
  const sd: StateDict = new Map([
    ['a.weight', { dtype: 'float32' as const, shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, -6.5]) }],
    ['a.half', { dtype: 'float16' as const, shape: [3], values: Float32Array.from([0.5, -2, 65504]) }],
    ['a.num_batches_tracked', { dtype: 'int64' as const, shape: [], values: BigInt64Array.of(12345678901n) }],
  ]);

  it('round-trips keys, shapes, dtypes and values through its own reader, deterministically', () => {
    const bytes = writePth(sd);
    expect(writePth(sd)).toEqual(bytes);
    const back = readPth(bytes);
    if (back._tag === 'Left') throw new Error(back.left.message);
    expect(back.right.format).toBe('zip');
    expect([...back.right.stateDict]).toEqual([...sd]);
  });

  it('aligns every entry to 64 bytes as torch.save does (local headers read back)', () => {
    const bytes = writePth(sd);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    let entries = 0;
    while (view.getUint32(at, true) === 0x04034b50) {
      const size = view.getUint32(at + 18, true);
      const data = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
      expect(data % 64).toBe(0);
      at = data + size;
      entries++;
    }
    expect(entries).toBe(3 + 3);
  });
});
