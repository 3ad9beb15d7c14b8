import type * as tf from '@tensorflow/tfjs-core';
import { lstat, readdir, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { completeMarkerOf, syncFolder, writeCheckpointFolder } from './checkpoint-folder';

/**
 * The name users and docs give the newest full training state: `checkpoints/latest`. On disk it is a link to the
 * newest complete `state-NNNNNN` folder; readers do not trust the link but resolve the name (see
 * {@link resolveCheckpoint}).
 */
export const LATEST = 'latest';
/** Versioned full-state folders: `state-000001`, `state-000002`, … (the highest complete one is the newest). */
export const STATE_PREFIX = 'state-';
/** How many complete state folders a save keeps (the newest and the one before it). */
export const KEEP_STATES = 2;

const stateSeq = (name: string): number | undefined => {
  const m = /^state-(\d{6,})$/.exec(name);
  return m === null ? undefined : Number(m[1]);
};

const stateName = (seq: number): string => `${STATE_PREFIX}${String(seq).padStart(6, '0')}`;

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** The `state-*` folders of a checkpoints folder, newest first (complete or not). */
async function statesNewestFirst(checkpointsDir: string): Promise<Array<{ readonly name: string; readonly seq: number }>> {
  const found: Array<{ name: string; seq: number }> = [];
  for (const name of await entries(checkpointsDir)) {
    const seq = stateSeq(name);
    if (seq !== undefined) found.push({ name, seq });
  }
  return found.sort((a, b) => b.seq - a.seq);
}

/** The newest complete `state-*` folder of a checkpoints folder, or `undefined` when there is none. */
export async function newestCompleteState(checkpointsDir: string): Promise<string | undefined> {
  for (const { name } of await statesNewestFirst(checkpointsDir)) {
    const folder = join(checkpointsDir, name);
    if ((await completeMarkerOf(folder)) !== undefined) return folder;
  }
  return undefined;
}

/**
 * The folder to read for a checkpoint name: for `…/latest`, the newest complete `state-*` folder beside it (a
 * `latest` folder of the earlier format when there is none); any other folder as it is.
 *
 * @example
 * ```ts
 * import { resolveCheckpoint } from '@pix2pix-ts/pix2pix/node';
 * // await resolveCheckpoint('runs/x/checkpoints/latest'); // 'runs/x/checkpoints/state-000007'
 * ```
 */
export async function resolveCheckpoint(dir: string): Promise<string> {
  if (basename(dir) !== LATEST) return dir;
  return (await newestCompleteState(dirname(dir))) ?? dir;
}

/** Points `checkpoints/latest` at a state folder with one atomic rename of a fresh link over it (best effort). */
async function pointLatestAt(checkpointsDir: string, stateFolderName: string): Promise<void> {
  const latest = join(checkpointsDir, LATEST);
  const tmp = join(checkpointsDir, `.${LATEST}.tmp-${process.pid}-${Date.now()}`);
  try {
    const current = await lstat(latest).catch(() => undefined);
    // A real `latest` folder (the earlier format) is superseded by the complete state folder just written.
    if (current?.isDirectory() === true) await rm(latest, { recursive: true, force: true });
    await symlink(stateFolderName, tmp, 'dir');
    await rename(tmp, latest);
    await syncFolder(checkpointsDir);
  } catch {
    // No links here (some Windows setups): readers resolve `latest` without it.
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

/**
 * Saves a full state as the new newest checkpoint of `checkpointsDir`: a new `state-NNNNNN` folder written in
 * place with its completion marker last (see `writeCheckpointFolder`), then `latest` pointed at it, then the
 * older states beyond {@link KEEP_STATES} removed. Nothing written before is touched until the new folder is
 * complete, so a crash at any instant leaves the previous newest checkpoint loadable.
 */
export async function saveNewestState(checkpointsDir: string, artifacts: tf.io.ModelArtifacts): Promise<{ readonly folder: string; readonly bytes: number }> {
  const states = await statesNewestFirst(checkpointsDir);
  const name = stateName((states[0]?.seq ?? 0) + 1);
  const folder = join(checkpointsDir, name);
  const bytes = await writeCheckpointFolder(folder, artifacts);
  await syncFolder(checkpointsDir);
  await pointLatestAt(checkpointsDir, name);
  let kept = 1;
  for (const s of states) {
    const path = join(checkpointsDir, s.name);
    if (kept < KEEP_STATES && (await completeMarkerOf(path)) !== undefined) kept++;
    else await rm(path, { recursive: true, force: true });
  }
  return { folder, bytes };
}

/** What {@link cleanCheckpoints} did. */
export interface CleanupReport {
  /** Leftovers of interrupted saves that were removed. */
  readonly removed: readonly string[];
  /** Complete folders a crash left under a temporary name, moved back to their name. */
  readonly restored: readonly string[];
}

const ORPHAN = /^\.(.+)\.(tmp|old)-\d+-\d+$/;

/**
 * Cleans a checkpoints folder after a crash, before a run continues: unfinished `state-*` folders (no completion
 * marker) and complete ones beyond {@link KEEP_STATES} are removed; a temporary `.NAME.tmp-…` / `.NAME.old-…`
 * folder left by an interrupted save of a plain folder (`init`, `epoch-NNN`) is moved back to NAME when NAME is
 * missing and it is complete, and removed otherwise. Call it only when no other process writes there.
 */
export async function cleanCheckpoints(checkpointsDir: string): Promise<CleanupReport> {
  const removed: string[] = [];
  const restored: string[] = [];
  let kept = 0;
  for (const s of await statesNewestFirst(checkpointsDir)) {
    const path = join(checkpointsDir, s.name);
    if (kept < KEEP_STATES && (await completeMarkerOf(path)) !== undefined) kept++;
    else {
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  // Newest temporary names first, so a complete new copy wins over an old one.
  const orphans = (await entries(checkpointsDir)).filter((n) => ORPHAN.test(n)).sort((a, b) => (a.includes('.tmp-') === b.includes('.tmp-') ? b.localeCompare(a) : a.includes('.tmp-') ? -1 : 1));
  for (const name of orphans) {
    const path = join(checkpointsDir, name);
    const target = ORPHAN.exec(name)?.[1];
    const targetPath = target === undefined ? undefined : join(checkpointsDir, target);
    const info = await lstat(path).catch(() => undefined);
    const targetMissing = targetPath !== undefined && (await lstat(targetPath).catch(() => undefined)) === undefined;
    if (targetPath !== undefined && targetMissing && info?.isDirectory() === true && target !== LATEST && (await completeMarkerOf(path)) !== undefined) {
      await rename(path, targetPath);
      restored.push(targetPath);
    } else {
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  if (removed.length + restored.length > 0) await syncFolder(checkpointsDir);
  // A crash between a state's marker and the link leaves `latest` one behind: point it at the newest again.
  const newest = await newestCompleteState(checkpointsDir);
  if (newest !== undefined) await pointLatestAt(checkpointsDir, basename(newest));
  return { removed, restored };
}
