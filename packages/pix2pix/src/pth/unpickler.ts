import { fail } from './pth-error';
import { describeValue, PyCallable, PyDict, PyList, PyTuple, type PyKey, type PyValue } from './pickle-value';

/** What the unpickler needs from its caller: the allowed globals and the persistent-id loader. */
export interface UnpickleHooks {
  /** An allowed global, or a `refused` failure naming it. */
  readonly resolveGlobal: (module: string, name: string) => PyCallable;
  /** The object a persistent id (BINPERSID) stands for. */
  readonly persistentLoad: (pid: PyValue) => PyValue;
}

/** One unpickled value and where its STOP opcode ended (legacy files hold several pickles back to back). */
export interface Unpickled {
  readonly value: PyValue;
  readonly end: number;
}

const MARK = Symbol('mark');
type Slot = PyValue | typeof MARK;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });

const isKey = (v: PyValue): v is PyKey => v === null || ['string', 'number', 'bigint', 'boolean'].includes(typeof v);

/**
 * A restricted unpickler for PyTorch state dicts, written by hand because a state dict needs only ~40 of
 * pickle's opcodes and must never call anything: it knows plain data (ints, floats, strings, bytes,
 * tuples, lists, dicts), memo and mark handling, GLOBAL/STACK_GLOBAL through `hooks.resolveGlobal` (an
 * allowlist of pure functions written here), REDUCE of those, BUILD as a no-op attribute store, and
 * BINPERSID through `hooks.persistentLoad`. Any other opcode (INST, OBJ, NEWOBJ, EXT*, ...) is refused with
 * its byte offset. Protocols 0-5 framing is accepted; the text opcodes of protocol 0 are not needed by
 * `torch.save` and are refused.
 */
export function unpickle(bytes: Uint8Array, start: number, hooks: UnpickleHooks): Unpickled {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Slot[] = [];
  const memo = new Map<number, PyValue>();
  let pos = start;

  const need = (n: number): number => {
    if (pos + n > bytes.byteLength) fail('truncated', `the pickle ends early: ${n} more byte(s) needed at offset ${pos}, the data has ${bytes.byteLength}`);
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = (): number => view.getUint8(need(1));
  const u16 = (): number => view.getUint16(need(2), true);
  const u32 = (): number => view.getUint32(need(4), true);
  const raw = (n: number): Uint8Array => {
    const at = need(n);
    return bytes.subarray(at, at + n);
  };
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail('truncated', `the pickle ends inside a GLOBAL name at offset ${pos}`);
    const text = latin1.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return text;
  };
  const text = (n: number): string => {
    try {
      return utf8.decode(raw(n));
    } catch {
      return fail('malformed', `invalid UTF-8 string at offset ${pos - n}`);
    }
  };
  const pop = (): PyValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) fail('malformed', `pickle stack underflow at offset ${pos - 1}`);
    return v;
  };
  const top = (): PyValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) fail('malformed', `pickle stack underflow at offset ${pos - 1}`);
    return v;
  };
  const popMark = (): PyValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) fail('malformed', `pickle MARK missing at offset ${pos - 1}`);
    const items = stack.splice(at) as Slot[];
    return items.slice(1) as PyValue[];
  };
  const setItems = (dict: PyValue, items: readonly PyValue[]): void => {
    if (!(dict instanceof PyDict)) fail('malformed', `SETITEM on ${describeValue(dict)} at offset ${pos - 1}`);
    for (let i = 0; i + 1 < items.length; i += 2) {
      const k = items[i] as PyValue;
      if (!isKey(k)) fail('malformed', `unhashable dict key ${describeValue(k)} at offset ${pos - 1}`);
      dict.entries.set(k, items[i + 1] as PyValue);
    }
  };
  const append = (list: PyValue, items: readonly PyValue[]): void => {
    if (!(list instanceof PyList)) fail('malformed', `APPEND on ${describeValue(list)} at offset ${pos - 1}`);
    list.items.push(...items);
  };
  const memoGet = (i: number): PyValue => {
    const v = memo.get(i);
    if (v === undefined) fail('malformed', `pickle memo ${i} read before it was written (offset ${pos})`);
    return v;
  };
  const long = (b: Uint8Array): number | bigint => {
    if (b.length === 0) return 0;
    let v = 0n;
    for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i] as number);
    if (((b[b.length - 1] as number) & 0x80) !== 0) v -= 1n << BigInt(8 * b.length);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };

  for (;;) {
    const opAt = pos;
    const op = u8();
    switch (op) {
      case 0x80: // PROTO
        if (u8() > 5) fail('malformed', `unknown pickle protocol at offset ${opAt}`);
        break;
      case 0x95: // FRAME: a length prefix only
        need(8);
        break;
      case 0x2e: // STOP
        return { value: pop(), end: pos };
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x30: // POP
        stack.pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        stack.push(top());
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x4a: // BININT
        stack.push(view.getInt32(need(4), true));
        break;
      case 0x8a: // LONG1
        stack.push(long(raw(u8())));
        break;
      case 0x8b: {
        // LONG4
        const n = u32();
        if (n > 64) fail('refused', `a ${n}-byte integer at offset ${opAt} (a state dict has none)`);
        stack.push(long(raw(n)));
        break;
      }
      case 0x47: // BINFLOAT (big-endian)
        stack.push(view.getFloat64(need(8), false));
        break;
      case 0x58: // BINUNICODE
        stack.push(text(u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(text(u8()));
        break;
      case 0x8d: {
        // BINUNICODE8
        const lo = u32();
        const hi = u32();
        stack.push(text(hi * 2 ** 32 + lo));
        break;
      }
      case 0x54: // BINSTRING (Python 2 str, as legacy files may hold)
        stack.push(latin1.decode(raw(view.getInt32(need(4), true))));
        break;
      case 0x55: // SHORT_BINSTRING
        stack.push(latin1.decode(raw(u8())));
        break;
      case 0x42: // BINBYTES
        stack.push(raw(u32()).slice());
        break;
      case 0x43: // SHORT_BINBYTES
        stack.push(raw(u8()).slice());
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push(new PyTuple([]));
        break;
      case 0x74: // TUPLE
        stack.push(new PyTuple(popMark()));
        break;
      case 0x85: // TUPLE1
        stack.push(new PyTuple([pop()]));
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        stack.push(new PyTuple([pop(), b]));
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        stack.push(new PyTuple([pop(), b, c]));
        break;
      }
      case 0x5d: // EMPTY_LIST
        stack.push(new PyList());
        break;
      case 0x6c: // LIST
        stack.push(new PyList(popMark()));
        break;
      case 0x61: {
        // APPEND
        const v = pop();
        append(top(), [v]);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        append(top(), items);
        break;
      }
      case 0x7d: // EMPTY_DICT
        stack.push(new PyDict());
        break;
      case 0x64: {
        // DICT
        const d = new PyDict();
        setItems(d, popMark());
        stack.push(d);
        break;
      }
      case 0x73: {
        // SETITEM
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
        stack.push(memoGet(u8()));
        break;
      case 0x6a: // LONG_BINGET
        stack.push(memoGet(u32()));
        break;
      case 0x63: {
        // GLOBAL: refused here, by name, unless allowed
        const module = line();
        stack.push(hooks.resolveGlobal(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('malformed', `STACK_GLOBAL without two strings at offset ${opAt}`);
        stack.push(hooks.resolveGlobal(module, name));
        break;
      }
      case 0x52: {
        // REDUCE: only ever calls one of the allowed pure functions
        const args = pop();
        const f = pop();
        if (!(f instanceof PyCallable)) fail('malformed', `REDUCE of ${describeValue(f)} at offset ${opAt}`);
        if (!(args instanceof PyTuple)) fail('malformed', `REDUCE with arguments ${describeValue(args)} at offset ${opAt}`);
        stack.push(f.call(args.items));
        break;
      }
      case 0x62: {
        // BUILD: only a dict's attributes (a state dict's `_metadata`), stored and never interpreted
        const state = pop();
        const target = top();
        if (!(target instanceof PyDict)) fail('refused', `BUILD on ${describeValue(target)} at offset ${opAt} (only dict attributes are allowed)`);
        target.attributes = state;
        break;
      }
      case 0x51: // BINPERSID
        stack.push(hooks.persistentLoad(pop()));
        break;
      default:
        fail('refused', `pickle opcode 0x${op.toString(16).padStart(2, '0')} ('${String.fromCharCode(op)}') at offset ${opAt} is not allowed in a state dict`);
    }
  }
}
