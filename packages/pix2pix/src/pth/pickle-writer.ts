/**
 * The few pickle opcodes (protocol 2) a state dict needs, to write one exactly as `torch.save` would:
 * strings, small ints, tuples, GLOBAL, REDUCE, BINPERSID, SETITEMS. No memo: nothing is shared.
 */
export class PickleWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly encoder = new TextEncoder();

  private bytes(...b: number[]): this {
    this.chunks.push(Uint8Array.from(b));
    return this;
  }

  proto(): this {
    return this.bytes(0x80, 2);
  }

  stop(): this {
    return this.bytes(0x2e);
  }

  mark(): this {
    return this.bytes(0x28);
  }

  /** `module.name` as a GLOBAL opcode. */
  global(module: string, name: string): this {
    this.bytes(0x63);
    this.chunks.push(this.encoder.encode(`${module}\n${name}\n`));
    return this;
  }

  string(s: string): this {
    const utf8 = this.encoder.encode(s);
    const head = new Uint8Array(5);
    head[0] = 0x58; // BINUNICODE
    new DataView(head.buffer).setUint32(1, utf8.length, true);
    this.chunks.push(head, utf8);
    return this;
  }

  int(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`pickle writer: ${n} is not a non-negative safe integer`);
    if (n < 0x100) return this.bytes(0x4b, n); // BININT1
    if (n < 0x10000) return this.bytes(0x4d, n & 0xff, n >> 8); // BININT2
    if (n < 0x80000000) {
      const b = new Uint8Array(5);
      b[0] = 0x4a; // BININT
      new DataView(b.buffer).setInt32(1, n, true);
      this.chunks.push(b);
      return this;
    }
    // LONG1 with 8 little-endian bytes (enough for any storage size)
    const b = new Uint8Array(10);
    b[0] = 0x8a;
    b[1] = 8;
    new DataView(b.buffer).setBigInt64(2, BigInt(n), true);
    this.chunks.push(b);
    return this;
  }

  false(): this {
    return this.bytes(0x89);
  }

  /** A tuple of ints (sizes, strides). */
  intTuple(values: readonly number[]): this {
    if (values.length === 0) return this.bytes(0x29);
    this.mark();
    values.forEach((v) => this.int(v));
    return this.bytes(0x74);
  }

  tuple(): this {
    return this.bytes(0x74);
  }

  emptyTuple(): this {
    return this.bytes(0x29);
  }

  reduce(): this {
    return this.bytes(0x52);
  }

  persistentId(): this {
    return this.bytes(0x51);
  }

  setItems(): this {
    return this.bytes(0x75);
  }

  /** Everything written, as one buffer. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
