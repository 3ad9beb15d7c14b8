import type * as tf from '@tensorflow/tfjs-core';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file names of a checkpoint folder (TensorFlow.js's layout). */
export const MANIFEST_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/**
 * A `tf.io` handler for a checkpoint folder on disk (`model.json` + `weights.bin`), Node only. tfjs-core
 * has no `file://` handler without tfjs-node, so this is ours. Saves are atomic: the folder is written
 * under a temporary name and renamed into place, so a crash or Ctrl-C mid-save never leaves a
 * half-written checkpoint where a good one was.
 *
 * @example
 * ```ts
 * import { fileCheckpoint } from '@pix2pix-ts/pix2pix/node';
 * // await saveCheckpoint(fileCheckpoint('runs/facades/checkpoints/latest'), state, config)();
 * ```
 */
export function fileCheckpoint(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts) {
      const parent = dirname(dir);
      await mkdir(parent, { recursive: true });
      const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}-${Date.now()}`);
      const old = join(parent, `.${basename(dir)}.old-${process.pid}-${Date.now()}`);
      await mkdir(tmp, { recursive: true });
      const weights = artifacts.weightData === undefined ? new Uint8Array(0) : toBytes(artifacts.weightData);
      const manifest = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFile(join(tmp, WEIGHTS_FILE), weights);
      await writeFile(join(tmp, MANIFEST_FILE), JSON.stringify(manifest));
      // Swap: move the previous checkpoint aside, move the new one in, then delete the old one.
      let hadOld = false;
      try {
        await rename(dir, old);
        hadOld = true;
      } catch {
        // No previous checkpoint.
      }
      await rename(tmp, dir);
      if (hadOld) await rm(old, { recursive: true, force: true });
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    },
    async load() {
      let manifestText: string;
      try {
        manifestText = await readFile(join(dir, MANIFEST_FILE), 'utf8');
      } catch {
        throw new Error(`no checkpoint at ${dir} (missing ${MANIFEST_FILE})`);
      }
      let manifest: { modelTopology?: unknown; weightsManifest?: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>; format?: string };
      try {
        manifest = JSON.parse(manifestText) as typeof manifest;
      } catch (e) {
        throw new Error(`${join(dir, MANIFEST_FILE)} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      }
      const groups = manifest.weightsManifest ?? [];
      const specs = groups.flatMap((g) => g.weights);
      const buffers = await Promise.all(groups.flatMap((g) => g.paths).map((p) => readFile(join(dir, p))));
      const total = Buffer.concat(buffers);
      return {
        modelTopology: (manifest.modelTopology ?? {}) as object,
        weightSpecs: specs,
        weightData: total.buffer.slice(total.byteOffset, total.byteOffset + total.byteLength),
        ...(manifest.format === undefined ? {} : { format: manifest.format }),
      };
    },
  };
}

function toBytes(data: tf.io.WeightData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data.map((b) => new Uint8Array(b)));
  return new Uint8Array(data as ArrayBuffer);
}
