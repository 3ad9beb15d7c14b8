/*
 * The decode worker (Node `worker_threads`): reads, decodes (sharp), splits, augments and scales samples off the
 * training thread. Started by `workerSampleLoader`; not imported by anything else.
 */
import { parentPort } from 'node:worker_threads';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { reportErrors } from '../config/report';
import { sharpDecoder } from '../decode/sharp-decoder';
import { workerError } from '../errors/dataset-error';
import { loadRawPair } from './load-raw-pair';
import { prepareSample } from './prepare-sample';
import { readFileBytes } from './read-file-bytes';
import type { SampleSettings } from './sample-settings';
import { WorkerMessage, type WorkerResponse } from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('decode-worker: must run as a worker_threads worker');

// Set once by the loader's first message; every request is prepared with them.
let settings: SampleSettings | undefined;
let env: { readonly readBytes: typeof readFileBytes; readonly decoder: ReturnType<typeof sharpDecoder> } | undefined;

port.on('message', (message: unknown) => {
  const decoded = WorkerMessage.decode(message);
  if (E.isLeft(decoded)) {
    const id = typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'number' ? message.id : -1;
    const reply: WorkerResponse = { id, ok: false, error: workerError(`bad request: ${reportErrors(decoded.left).join('; ')}`) };
    port.postMessage(reply);
    return;
  }
  const m = decoded.right;
  if ('kind' in m) {
    settings = m.settings;
    env = { readBytes: readFileBytes, decoder: sharpDecoder(settings.maxPixels === undefined ? {} : { maxPixels: settings.maxPixels }) };
    return;
  }
  const { id, entry, job } = m;
  if (settings === undefined || env === undefined) {
    const reply: WorkerResponse = { id, ok: false, error: workerError('bad request: no settings were sent before it') };
    port.postMessage(reply);
    return;
  }
  const s = settings;
  void pipe(
    loadRawPair(env, entry, s),
    TE.chainEitherK((raw) => prepareSample(raw, s, job)),
  )().then((result) => {
    if (E.isRight(result)) {
      const sample = result.right;
      const reply: WorkerResponse = { id, ok: true, sample };
      const transfer = sample.a.buffer === sample.b.buffer ? [sample.a.buffer] : [sample.a.buffer, sample.b.buffer];
      port.postMessage(reply, transfer.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer));
    } else {
      const reply: WorkerResponse = { id, ok: false, error: result.left };
      port.postMessage(reply);
    }
  });
});
