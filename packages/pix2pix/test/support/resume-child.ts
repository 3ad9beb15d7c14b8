// Run in a fresh process by checkpoint.test.ts: load a checkpoint, train more steps, save.
// Usage: tsx --conditions=source resume-child.ts <from-dir> <steps> <to-dir>
import { useBackend } from '@pix2pix-ts/backends';
import * as E from 'fp-ts/Either';
import { disposeState, loadCheckpoint, saveCheckpoint } from '../../src/index';
import { fileCheckpoint } from '../../src/node';
import { tinyState } from './tiny';
import { trainTiny } from './train-tiny';

const [from, steps, to] = process.argv.slice(2);
if (from === undefined || steps === undefined || to === undefined) throw new Error('usage: resume-child <from> <steps> <to>');
// The same backend setup as the parent test (cpu with this project's kernels), for bit-identical steps.
await useBackend('cpu');
const like = tinyState(999);
const loaded = await loadCheckpoint(fileCheckpoint(from), like)();
disposeState(like);
if (E.isLeft(loaded)) throw new Error(loaded.left.message);
const trained = trainTiny(loaded.right.state, Number(steps));
const saved = await saveCheckpoint(fileCheckpoint(to), trained, loaded.right.config)();
if (E.isLeft(saved)) throw new Error(saved.left.message);
