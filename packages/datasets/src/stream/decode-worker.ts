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
import { WorkerRequest, type WorkerResponse } from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('decode-worker: must run as a worker_threads worker');

// One decoder per pixel limit (a loader sends the same settings with every request).
const decoders = new Map<number | undefined, ReturnType<typeof sharpDecoder>>();
const envFor = (maxPixels: number | undefined) => {
  const decoder = decoders.get(maxPixels) ?? sharpDecoder(maxPixels === undefined ? {} : { maxPixels });
  decoders.set(maxPixels, decoder);
  return { readBytes: readFileBytes, decoder };
};

port.on('message', (message: unknown) => {
  const request = WorkerRequest.decode(message);
  if (E.isLeft(request)) {
    const id = typeof message === 'object' && message !== null && 'id' in message && typeof message.id === 'number' ? message.id : -1;
    const reply: WorkerResponse = { id, ok: false, error: workerError(`bad request: ${reportErrors(request.left).join('; ')}`) };
    port.postMessage(reply);
    return;
  }
  const { id, entry, job, settings } = request.right;
  void pipe(
    loadRawPair(envFor(settings.maxPixels), entry, settings),
    TE.chainEitherK((raw) => prepareSample(raw, settings, job)),
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
