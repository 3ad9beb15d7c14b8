import { unzipSync } from 'fflate';
import { decodeStorage, ELEMENT_BYTES } from './dtype';
import { fail, PthFailure } from './pth-error';
import { storageFromPersistentId, resolveGlobal } from './state-dict-globals';
import { stateDictFromPickle, type StateDict } from './state-dict';
import { unpickle } from './unpickler';

/** Whether the bytes start like a zip archive (`PK\x03\x04`), the container of `torch.save` since 1.6. */
export const looksLikeZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Reads the zip container (PyTorch >= 1.6): `<name>/data.pkl` (the pickled state dict, storages as
 * persistent ids) and `<name>/data/<key>` (raw little-endian storage bytes). fflate reads the archive
 * from its central directory, so the data-descriptor entries newer PyTorch writes are read too.
 */
export function readZipStateDict(bytes: Uint8Array): StateDict {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    if (e instanceof PthFailure) throw e;
    return fail('truncated', `a damaged or truncated zip archive (${e instanceof Error ? e.message : String(e)}): an interrupted download? Fetch the file again`);
  }
  const names = Object.keys(files);
  const pkl = names.find((n) => n.endsWith('/data.pkl') || n === 'data.pkl');
  if (pkl === undefined) fail('malformed', `a zip archive without data.pkl (it holds ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}): not a PyTorch checkpoint`);
  const root = pkl.slice(0, pkl.length - 'data.pkl'.length);
  const { value } = unpickle(files[pkl] as Uint8Array, 0, { resolveGlobal, persistentLoad: storageFromPersistentId });
  return stateDictFromPickle(value, (ref) => {
    const record = files[`${root}data/${ref.key}`];
    if (record === undefined) fail('truncated', `storage '${ref.key}' is missing from the archive (${root}data/${ref.key})`);
    const need = ref.numel * ELEMENT_BYTES[ref.dtype];
    if (record.byteLength < need) fail('truncated', `storage '${ref.key}' has ${record.byteLength} bytes, ${ref.numel} ${ref.dtype} elements need ${need}: a truncated file`);
    return decodeStorage(record, ref.dtype, ref.numel, true);
  });
}
