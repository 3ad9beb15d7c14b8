import type * as tf from '@tensorflow/tfjs-core';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeFolder, readCheckpointFolder, syncFolder, writeCheckpointFolder } from './checkpoint-folder';
import { LATEST, resolveCheckpoint, saveNewestState } from './checkpoint-store';

export { MANIFEST_FILE, WEIGHTS_FILE } from './checkpoint-folder';

/**
 * A `tf.io` handler for a checkpoint folder on disk (`model.json` + `weights.bin` + `complete.json`), Node only.
 * tfjs-core has no `file://` handler without tfjs-node, so this is ours.
 *
 * Crash safety: every file is flushed and the completion marker is written last. A folder named `latest` is
 * versioned: a save writes a new `state-NNNNNN` folder beside it and points `latest` at it (see
 * `saveNewestState`), and a load reads the newest complete one (see `resolveCheckpoint`), so a crash at any
 * instant of a save leaves the previous state loadable. Any other folder is written under a temporary name and
 * renamed into place; `cleanCheckpoints` repairs what a crash between its renames leaves.
 *
 * A load decodes the manifest with io-ts, refuses weights paths that lead outside the folder, and checks the
 * weights against the completion marker's size and sha256.
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
      await makeFolder(parent);
      let bytes: number;
      if (basename(dir) === LATEST) bytes = (await saveNewestState(parent, artifacts)).bytes;
      else {
        const stamp = `${process.pid}-${Date.now()}`;
        const tmp = join(parent, `.${basename(dir)}.tmp-${stamp}`);
        const old = join(parent, `.${basename(dir)}.old-${stamp}`);
        bytes = await writeCheckpointFolder(tmp, artifacts);
        // Replacing a folder takes two renames; a crash between them leaves the complete new (or old) copy under
        // its temporary name, which cleanCheckpoints moves back.
        let hadOld = false;
        try {
          await rename(dir, old);
          hadOld = true;
        } catch {
          // No previous folder.
        }
        await rename(tmp, dir);
        await syncFolder(parent);
        if (hadOld) await rm(old, { recursive: true, force: true });
      }
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bytes } };
    },
    async load() {
      return readCheckpointFolder(await resolveCheckpoint(dir));
    },
  };
}
