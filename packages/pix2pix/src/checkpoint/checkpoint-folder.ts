import type * as tf from '@tensorflow/tfjs-core';
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';

/** The file names of a checkpoint folder (TensorFlow.js's layout, plus our completion marker). */
export const MANIFEST_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
/**
 * Written last, after every other file is on disk (fsync'd): a folder without it is an unfinished save. It holds
 * the size and sha256 of the weights, checked when the folder is read.
 */
export const COMPLETE_FILE = 'complete.json';

/** The completion marker's content, decoded with io-ts. */
export const CompleteMarker = t.type({ format: t.literal('pix2pix-ts/checkpoint-complete'), bytes: t.number, sha256: t.string });
/** See {@link CompleteMarker}. */
export type CompleteMarker = t.TypeOf<typeof CompleteMarker>;

const WeightSpec = t.intersection([
  t.type({ name: t.string, shape: t.array(t.number), dtype: t.keyof({ float32: null, int32: null, bool: null, string: null, complex64: null }) }),
  t.partial({ quantization: t.unknown, group: t.string }),
]);

/** A checkpoint folder's `model.json`, decoded with io-ts before anything it names is read. */
export const FolderManifest = t.intersection([
  t.type({ weightsManifest: t.array(t.type({ paths: t.array(t.string), weights: t.array(WeightSpec) })) }),
  t.partial({ modelTopology: t.unknown, format: t.string, generatedBy: t.string }),
]);
/** See {@link FolderManifest}. */
export type FolderManifest = t.TypeOf<typeof FolderManifest>;

/**
 * Why a weights path of a manifest is refused, or `undefined` when it names a file directly inside the folder.
 * Pure: a manifest may only point at its own folder's files (no `..`, no absolute path, no sub-folder).
 *
 * @example
 * ```ts
 * import { unsafeWeightsPath } from '@pix2pix-ts/pix2pix/node';
 * unsafeWeightsPath('weights.bin'); // undefined
 * unsafeWeightsPath('../../etc/passwd'); // 'points outside the checkpoint folder'
 * ```
 */
export function unsafeWeightsPath(p: string): string | undefined {
  if (p === '' || p === '.' || p === '..') return 'is not a file name';
  if (isAbsolute(p) || p.includes('/') || p.includes('\\') || p.includes('\0')) return 'points outside the checkpoint folder';
  return undefined;
}

/**
 * Creates a folder and its missing parents, one level at a time, with an error naming the level that cannot be
 * created. Node's `mkdir(…, { recursive: true })` never returns on some unwritable places (it loops on `/proc`,
 * whose mkdir answers ENOENT), so each level is made without it.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { makeFolder } from '@pix2pix-ts/pix2pix/node';
 * await makeFolder(join(tmpdir(), `run-${process.pid}`, 'checkpoints', 'latest')); // the parents too
 * await makeFolder('/proc/x').catch((e: Error) => e.message); // 'cannot create folder /proc/x (ENOENT …)', not a hang
 * ```
 */
export async function makeFolder(path: string): Promise<void> {
  const missing: string[] = [];
  let at = path;
  for (;;) {
    const info = await stat(at).catch(() => undefined);
    if (info !== undefined) {
      if (!info.isDirectory()) throw new Error(`cannot create folder ${path}: ${at} is not a folder`);
      break;
    }
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await stat(level)).isDirectory()) continue;
      throw new Error(`cannot create folder ${level} (${code ?? (e instanceof Error ? e.message : String(e))}): is ${dirname(level)} a writable place?`);
    }
  }
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Writes a file and flushes it to the disk before returning. */
async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
}

/**
 * Flushes a folder's entries (new names, renames) to the disk. Best effort: some platforms cannot open a
 * folder for syncing, and there the rename's own ordering is all there is.
 */
export async function syncFolder(path: string): Promise<void> {
  try {
    const dir = await open(path, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Not supported here (e.g. Windows): nothing more to do.
  }
}

function toBytes(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  if (Array.isArray(data)) return Buffer.concat(data.map((b) => new Uint8Array(b)));
  // WeightData is ArrayBuffer | ArrayBuffer[]; the array case is handled above.
  return new Uint8Array(data as ArrayBuffer);
}

/**
 * Writes `artifacts` into `folder` (created if needed): `weights.bin`, then `model.json`, each flushed, then the
 * completion marker, flushed with the folder. A crash at any instant leaves either a folder without the marker
 * (ignored and cleaned up) or a complete one.
 */
export async function writeCheckpointFolder(folder: string, artifacts: tf.io.ModelArtifacts): Promise<number> {
  await makeFolder(folder);
  const weights = toBytes(artifacts.weightData);
  const manifest: FolderManifest = {
    format: artifacts.format ?? 'pix2pix-ts/checkpoint',
    generatedBy: artifacts.generatedBy ?? 'pix2pix-ts',
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
  };
  await writeDurably(join(folder, WEIGHTS_FILE), weights);
  await writeDurably(join(folder, MANIFEST_FILE), JSON.stringify(manifest));
  await syncFolder(folder);
  const marker: CompleteMarker = { format: 'pix2pix-ts/checkpoint-complete', bytes: weights.byteLength, sha256: sha256(weights) };
  await writeDurably(join(folder, COMPLETE_FILE), JSON.stringify(marker));
  await syncFolder(folder);
  return weights.byteLength;
}

/** The folder's completion marker, or `undefined` when it has none or it does not match the weights' size. */
export async function completeMarkerOf(folder: string): Promise<CompleteMarker | undefined> {
  try {
    const marker = CompleteMarker.decode(JSON.parse(await readFile(join(folder, COMPLETE_FILE), 'utf8')));
    if (E.isLeft(marker)) return undefined;
    const size = (await stat(join(folder, WEIGHTS_FILE))).size;
    return size === marker.right.bytes ? marker.right : undefined;
  } catch {
    return undefined;
  }
}

const exists = async (path: string): Promise<boolean> => {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
};

/**
 * Reads a checkpoint folder back as model artifacts: the manifest is decoded with io-ts, every weights path must
 * name a file inside the folder (also after following links), and when the folder has a completion marker the
 * weights must match its size and sha256. Folders written before markers existed load without one.
 */
export async function readCheckpointFolder(folder: string): Promise<tf.io.ModelArtifacts> {
  let manifestText: string;
  try {
    manifestText = await readFile(join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    throw new Error(`no checkpoint at ${folder} (missing ${MANIFEST_FILE})`);
  }
  const manifestPath = join(folder, MANIFEST_FILE);
  let json: unknown;
  try {
    json = JSON.parse(manifestText);
  } catch (e) {
    throw new Error(`${manifestPath} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const manifest = pipe(
    FolderManifest.decode(json),
    E.getOrElseW((errs) => {
      throw new Error(`${manifestPath}: not a weights manifest: ${PathReporter.report(E.left(errs)).slice(0, 2).join('; ')}`);
    }),
  );
  const paths = manifest.weightsManifest.flatMap((g) => g.paths);
  const root = await realpath(folder);
  for (const p of paths) {
    const why = unsafeWeightsPath(p);
    if (why !== undefined) throw new Error(`${manifestPath}: weights path "${p}" ${why}; refused`);
    const target = join(folder, p);
    if (await exists(target)) {
      const real = await realpath(target);
      const rel = relative(root, real);
      if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) throw new Error(`${manifestPath}: weights path "${p}" leads outside the checkpoint folder (to ${real}); refused`);
    }
  }
  const buffers = await Promise.all(
    paths.map(async (p) => {
      try {
        return await readFile(join(folder, p));
      } catch {
        throw new Error(`${folder}: missing weights file ${p}`);
      }
    }),
  );
  const total = Buffer.concat(buffers);
  if (await exists(join(folder, COMPLETE_FILE))) {
    const marker = await completeMarkerOf(folder);
    if (marker === undefined) throw new Error(`${folder}: ${WEIGHTS_FILE} is not the size ${COMPLETE_FILE} records (truncated or corrupt)`);
    if (sha256(total) !== marker.sha256) throw new Error(`${folder}: ${WEIGHTS_FILE} does not match the sha256 in ${COMPLETE_FILE} (corrupt)`);
  }
  return {
    // The manifest's topology is opaque here; its reader (stateFromArtifacts, loadGenerator) decodes it with io-ts.
    modelTopology: (manifest.modelTopology ?? {}) as object,
    // Decoded above except `quantization`, kept opaque: stateFromArtifacts refuses quantized tensors.
    weightSpecs: manifest.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
    weightData: total.buffer.slice(total.byteOffset, total.byteOffset + total.byteLength),
    ...(manifest.format === undefined ? {} : { format: manifest.format }),
  };
}
