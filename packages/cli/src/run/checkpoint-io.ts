import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { PathReporter } from 'io-ts/PathReporter';
import { key } from '@pix2pix-ts/layers';
import { buildNets, checkpointMeta, disposeState, initTrainState, saveCheckpoint, stateFromArtifacts, type Pix2PixNets, type TrainState } from '@pix2pix-ts/pix2pix';
import { fileCheckpoint } from '@pix2pix-ts/pix2pix/node';
import { inputError, messageOf, type CliError } from '../cli/cli-error';
import { RunConfig } from '../config/run-config';
import { generatorArtifacts, generatorManifestOf } from '../export/generator-export';

/** A fresh training state of a configuration (weights from the run's seed). */
export function freshState(config: RunConfig, nets: Pix2PixNets): TrainState {
  const { cropSize, batchSize } = config.data;
  return initTrainState(nets, key(config.run.seed), [batchSize, cropSize, cropSize, config.model.inputNc], config.model.outputNc);
}

/**
 * Saves the full training state (weights, norm statistics, Adam moments, key, step, epoch) with the run's
 * configuration in the manifest, atomically, to a checkpoint folder.
 */
export function saveState(dir: string, state: TrainState, config: RunConfig): TE.TaskEither<CliError, void> {
  return pipe(
    saveCheckpoint(fileCheckpoint(dir), state, config),
    TE.mapLeft((e) => inputError(`${dir}: ${e.message}`)),
    TE.map(() => undefined),
  );
}

/**
 * Saves the generator alone (weights and norm statistics, with the run's configuration in its manifest): the
 * per-epoch snapshots, a third of a full state's size (no discriminator, no Adam moments), like the official
 * `<epoch>_net_G.pth`. `eval`, `test` and `export` read them; `--resume` needs the full `latest`.
 */
export function saveGenerator(dir: string, state: TrainState, config: RunConfig): TE.TaskEither<CliError, void> {
  return TE.tryCatch(
    async () => {
      const handler = fileCheckpoint(dir);
      if (handler.save === undefined) throw new Error('cannot save');
      await handler.save(await generatorArtifacts(state.g, generatorManifestOf(config, state.step, state.epoch)));
    },
    (e) => inputError(`${dir}: ${messageOf(e)}`),
  );
}

/** A checkpoint read back: its configuration, the networks it describes and its state (the caller owns it). */
export interface LoadedCheckpoint {
  readonly config: RunConfig;
  readonly nets: Pix2PixNets;
  readonly state: TrainState;
}

/** A checkpoint folder's artifacts, read. */
const readArtifacts = (dir: string) => {
  const handler = fileCheckpoint(dir);
  return TE.tryCatch(
    async () => {
      if (handler.load === undefined) throw new Error('handler cannot load');
      return handler.load();
    },
    (e) => inputError(messageOf(e)),
  );
};

/** The state of a checkpoint's artifacts, read into `nets` (every tensor checked against them). */
const stateIn = (dir: string, artifacts: Parameters<typeof stateFromArtifacts>[0], config: RunConfig, nets: Pix2PixNets): E.Either<CliError, LoadedCheckpoint> => {
  const like = freshState(config, nets);
  const loaded = stateFromArtifacts(artifacts, like);
  disposeState(like);
  return pipe(
    loaded,
    E.mapLeft((e) => inputError(`${dir}: ${e.message}`)),
    E.map(({ state }) => ({ config, nets, state })),
  );
};

/**
 * Loads a checkpoint folder written by `pix2pix train`: the manifest's configuration is decoded with io-ts, the
 * networks it names are built, and every tensor is checked against them (a missing, truncated or mismatched
 * checkpoint is an input error naming the folder).
 *
 * @example
 * ```ts
 * import { loadRunCheckpoint } from '@pix2pix-ts/cli/node';
 * // const { config, nets, state } = await loadRunCheckpoint('runs/facades-…/checkpoints/latest')();
 * ```
 */
export function loadRunCheckpoint(dir: string): TE.TaskEither<CliError, LoadedCheckpoint> {
  return pipe(
    readArtifacts(dir),
    TE.chainEitherK((artifacts) =>
      pipe(
        checkpointMeta(artifacts),
        E.mapLeft((e) => inputError(`${dir}: ${e.message}`)),
        E.chain((meta) =>
          pipe(
            RunConfig.decode(meta.config),
            E.mapLeft((errs) => inputError(`${dir}: not a pix2pix train checkpoint (config: ${PathReporter.report(E.left(errs)).slice(0, 2).join('; ')})`)),
          ),
        ),
        E.chain((config) => stateIn(dir, artifacts, config, buildNets(config.model))),
      ),
    ),
  );
}

/**
 * A checkpoint of a run whose configuration is known (decoded already: a resumed run's `config.json`): its state
 * read into `nets`, every tensor checked against them; the manifest's copy of the configuration is not decoded.
 *
 * @example
 * ```ts
 * import { loadStateOf } from '@pix2pix-ts/cli/node';
 * // const { state } = await loadStateOf('runs/facades-…/checkpoints/latest', config, buildNets(config.model))();
 * ```
 */
export function loadStateOf(dir: string, config: RunConfig, nets: Pix2PixNets): TE.TaskEither<CliError, LoadedCheckpoint> {
  return pipe(
    readArtifacts(dir),
    TE.chainEitherK((artifacts) => stateIn(dir, artifacts, config, nets)),
  );
}
