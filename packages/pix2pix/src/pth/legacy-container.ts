import { decodeStorage, ELEMENT_BYTES, type StorageValues } from './dtype';
import { fail } from './pth-error';
import { PyList, type StorageRef } from './pickle-value';
import { storageFromPersistentId, resolveGlobal } from './state-dict-globals';
import { stateDictFromPickle, storagesOf, type StateDict } from './state-dict';
import { unpickle, type UnpickleHooks } from './unpickler';

/** `torch.serialization.MAGIC_NUMBER`, the first pickle of a legacy file. */
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;

/** Whether the bytes start like a legacy `torch.save` file: pickle protocol 2 and a LONG1 opcode (the magic number). */
export const looksLikeLegacy = (bytes: Uint8Array): boolean => bytes[0] === 0x80 && bytes[1] === 0x02 && bytes[2] === 0x8a;

const plainHooks: UnpickleHooks = {
  resolveGlobal,
  persistentLoad: () => fail('malformed', 'a persistent id outside the state dict'),
};

/**
 * Reads the legacy container (PyTorch < 1.6, the official pretrained pix2pix models): pickled magic
 * number, protocol version and system info; the pickled state dict (storages as persistent ids); the
 * pickled list of storage keys; then each storage in that order as an 8-byte little-endian element count
 * and its raw bytes.
 */
export function readLegacyStateDict(bytes: Uint8Array): StateDict {
  const magic = unpickle(bytes, 0, plainHooks);
  if (magic.value !== LEGACY_MAGIC) fail('not-a-checkpoint', 'a pickle, but not a PyTorch file (wrong magic number)');
  const protocol = unpickle(bytes, magic.end, plainHooks);
  if (protocol.value !== LEGACY_PROTOCOL) fail('malformed', `legacy PyTorch protocol ${String(protocol.value)}, expected ${LEGACY_PROTOCOL}`);
  const sysInfo = unpickle(bytes, protocol.end, plainHooks);
  const pickled = unpickle(bytes, sysInfo.end, { resolveGlobal, persistentLoad: storageFromPersistentId });
  const keys = unpickle(bytes, pickled.end, plainHooks);
  if (!(keys.value instanceof PyList) || keys.value.items.some((k) => typeof k !== 'string')) fail('malformed', 'the list of storage keys is not a list of strings');
  // Storages follow in key order; each is located by walking the headers (sizes come from the file).
  const located = new Map<string, { readonly at: number; readonly count: number }>();
  let pos = keys.end;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const elementBytes = new Map(storagesOf(pickled.value).map((ref) => [ref.key, ELEMENT_BYTES[ref.dtype]] as const));
  for (const key of keys.value.items as string[]) {
    if (pos + 8 > bytes.byteLength) fail('truncated', `storage '${key}' starts past the end of the file (offset ${pos}, file ${bytes.byteLength} bytes): a truncated download?`);
    const count = Number(view.getBigInt64(pos, true));
    const width = elementBytes.get(key);
    if (width === undefined) fail('malformed', `storage '${key}' is listed but no tensor uses it`);
    located.set(key, { at: pos + 8, count });
    pos += 8 + count * width;
    if (pos > bytes.byteLength) fail('truncated', `storage '${key}' (${count} elements) ends at byte ${pos}, past the end of the file (${bytes.byteLength} bytes): a truncated download?`);
  }
  return stateDictFromPickle(pickled.value, (ref: StorageRef): StorageValues => {
    const found = located.get(ref.key);
    if (found === undefined) fail('malformed', `storage '${ref.key}' is not in the file's storage list`);
    if (found.count < ref.numel) fail('malformed', `storage '${ref.key}' holds ${found.count} elements, the state dict needs ${ref.numel}`);
    const n = found.count * ELEMENT_BYTES[ref.dtype];
    return decodeStorage(bytes.subarray(found.at, found.at + n), ref.dtype, found.count);
  });
}

