import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { WebglSession } from '@pix2pix-ts/browser/node';
import { checkpointArtifacts, disposeState, stateFromArtifacts, type StepMetrics, type TrainState } from '@pix2pix-ts/pix2pix';
import { backendError, messageOf, type CliError } from '../cli/cli-error';
import type { RunConfig } from '../config/run-config';
import type { Trainer } from '../train/trainer';

/** An error of the page's step path, named by the backend the page runs (`--backend webgl` or `--backend webgpu`). */
const pageError =
  (session: WebglSession) =>
  (what: string) =>
  (e: { readonly message: string }): CliError =>
    backendError(`--backend ${session.setup.backend.name}: ${what}: ${e.message.split('\n')[0] ?? ''}`);

/**
 * A {@link Trainer} whose steps run on WebGL in headless Chromium (a {@link WebglSession}), for
 * `pix2pix train --backend webgl` (and `--backend webgpu`: the same page on WebGPU). The page builds the run's networks from the run's own model spec
 * (`config.model`, pix2pix's `ModelSpec`: `buildNets` there as here) and loads `initial` (a fresh state or a resumed checkpoint, made in Node), so
 * a webgl run starts from exactly the weights a wasm run of the same seed starts from. Batches come from the
 * Node loader as they are. `snapshot()` brings the page's state back as `checkpointArtifacts` bytes, read into
 * Node tensors with `stateFromArtifacts` (into `initial`'s structure, which this trainer keeps until the end),
 * so checkpoints, sample sheets and evaluation are the same code (and the same files) as a Node run's.
 *
 * @param initial the state to train from; the trainer owns it from here
 *
 * @example
 * ```ts
 * // not run: starts headless Chromium
 * import { buildNets } from '@pix2pix-ts/pix2pix';
 * import { startWebgl, webglRunTrainer, freshState } from '@pix2pix-ts/cli/node';
 * // const { session } = (await startWebgl(undefined)()).right;
 * // const trainer = await webglRunTrainer(session, config, freshState(config, buildNets(config.model)))();
 * ```
 */
export function webglRunTrainer(session: WebglSession, config: RunConfig, initial: TrainState): TE.TaskEither<CliError, Trainer> {
  const { batchSize, cropSize } = config.data;
  const webglError = pageError(session);
  return pipe(
    session.init({ model: config.model, inputShape: [batchSize, cropSize, cropSize, config.model.inputNc], seed: config.run.seed, objective: config.objective, checkpointConfig: config }),
    TE.mapLeft(webglError('init')),
    TE.flatMap(() => TE.tryCatch(() => checkpointArtifacts(initial, config), (e) => backendError(`--backend ${session.setup.backend.name}: encoding the state: ${messageOf(e)}`))),
    TE.flatMap((artifacts) => pipe(session.load(artifacts), TE.mapLeft(webglError('loading the state into the page')))),
    TE.flatMap((status) =>
      status.step === initial.step ? TE.right(trainerOn(session, initial)) : TE.left(backendError(`--backend ${session.setup.backend.name}: the page loaded step ${status.step}, expected ${initial.step}`)),
    ),
  );
}

function trainerOn(session: WebglSession, template: TrainState): Trainer {
  const webglError = pageError(session);
  let step = template.step;
  // The state in Node as of `step`, once fetched (the template itself before the first step).
  let cached: TrainState | undefined = template;
  let open = true;
  const dropCached = (): void => {
    if (cached !== undefined && cached !== template) disposeState(cached);
    cached = undefined;
  };
  const snapshot = (): TE.TaskEither<CliError, TrainState> => {
    if (cached !== undefined) return TE.right(cached);
    return pipe(
      session.save(),
      TE.mapLeft(webglError('saving the state')),
      TE.flatMapEither((artifacts) => pipe(stateFromArtifacts(artifacts, template), E.mapLeft(webglError('reading the page\'s state')))),
      TE.flatMap(({ state }) => {
        if (state.step !== step) {
          disposeState(state);
          return TE.left(backendError(`--backend ${session.setup.backend.name}: the page's state is at step ${state.step}, expected ${step}`));
        }
        cached = state;
        return TE.right(state);
      }),
    );
  };
  const closeSession = (): TE.TaskEither<CliError, void> =>
    TE.tryCatch(
      async () => {
        if (!open) return;
        open = false;
        const closed = await session.close()();
        if (E.isLeft(closed)) throw closed.left;
      },
      (e) => backendError(`--backend ${session.setup.backend.name}: closing Chromium: ${messageOf(e)}`),
    );
  return {
    step: () => step,
    train: (batch, epoch) =>
      pipe(
        TE.fromIO(dropCached),
        TE.flatMap(() => pipe(session.step({ a: batch.a, b: batch.b, shape: batch.shape, epoch }), TE.mapLeft(webglError(`step ${step + 1}`)))),
        TE.map((reply): StepMetrics => {
          step = reply.step;
          return { G_GAN: reply.G_GAN, G_L1: reply.G_L1, D_real: reply.D_real, D_fake: reply.D_fake, G: reply.G, D: reply.D, lr: reply.lr };
        }),
      ),
    snapshot,
    finish: () =>
      pipe(
        snapshot(),
        TE.tap(() => closeSession()),
        TE.map((state) => {
          // The caller owns the final state from here; the template goes unless it is that state.
          cached = undefined;
          if (state !== template) disposeState(template);
          return state;
        }),
      ),
    close: () =>
      pipe(
        TE.fromIO(() => {
          if (open) {
            dropCached();
            disposeState(template);
          }
        }),
        TE.flatMap(() => closeSession()),
      ),
  };
}
