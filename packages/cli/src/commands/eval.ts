import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import { describeBackend, startBackend } from '../cli/start-backend';
import type { RunConfig } from '../config/run-config';
import { openSource } from '../data/open-source';
import { evaluateSplit } from '../eval/evaluate-split';
import { segmenterForEval } from '../eval/eval-segmenter';
import { formatMetricsTable } from '../eval/format-metrics';
import { formatRealismTable } from '../eval/format-realism';
import { DEFAULT_SEGMENTER, type TrainedSegmenter } from '../eval/segmenter';
import type { SplitMetrics } from '../eval/image-metrics';
import type { EVAL_OPTIONS } from '../options/command-options';
import type { OptionsOf } from '../options/option-spec';
import { loadGeneratorDir } from '../run/load-generator-dir';
import { writeJson } from '../run/json-file';
import { checkpointSourceOf } from './checkpoint-dir';

/** The decoded options of `pix2pix eval`. */
export type EvalOptions = OptionsOf<typeof EVAL_OPTIONS>;

/** A checkpoint's configuration with the data and test-time options of `eval`/`test` applied. Pure. */
export function evalConfigOf(config: RunConfig, o: { readonly dataroot?: string; readonly dataset_mode?: RunConfig['data']['mode']; readonly direction?: 'AtoB' | 'BtoA'; readonly eval?: boolean; readonly num_test?: number }): RunConfig {
  return {
    ...config,
    data: {
      ...config.data,
      // A new --dataroot replaces synthetic data by aligned files; a photo mode keeps its mode (other photos).
      mode: o.dataset_mode ?? (o.dataroot !== undefined && config.data.mode === 'synthetic' ? 'aligned' : config.data.mode),
      dataroot: o.dataroot ?? config.data.dataroot,
      direction: o.direction ?? config.data.direction,
    },
    test: {
      dropout: o.eval === true ? false : config.test.dropout,
      batchStats: o.eval === true ? false : config.test.batchStats,
      numTest: o.num_test ?? config.test.numTest,
    },
  };
}

/**
 * `pix2pix eval`: L1 / PSNR / SSIM of a checkpoint's generator on a split (default: the checkpoint's data, the
 * test split, the paper's test-time behaviour), and the paper's realism metrics: the Lab colour-histogram
 * intersection with the real photos and (unless `--no_fcn`, for label-map inputs) the FCN-score of the generated
 * and of the real photos, its segmenter trained on the real training photos or read from the cache. Prints the
 * tables; `--output FILE` also writes them as JSON.
 */
export function evalCommand(o: EvalOptions, env: CliEnv): TE.TaskEither<CliError, SplitMetrics> {
  const say = (s: string): void => env.stdout.write(`${s}\n`);
  return pipe(
    checkpointSourceOf(o, env),
    TE.bindTo('dir'),
    TE.bind('backend', () => startBackend(o.backend ?? 'wasm', o.wasm_kernels)),
    TE.tap(({ backend }) => TE.fromIO(() => say(`pix2pix eval · backend: ${describeBackend(backend)}`))),
    TE.bind('loaded', ({ dir }) => loadGeneratorDir(dir)),
    TE.chain(({ dir, loaded }) => {
      const config = evalConfigOf(loaded.config, o);
      const phase = o.phase ?? config.data.evalPhase;
      const seed = o.seed ?? config.run.seed;
      const size = config.data.cropSize;
      let segmenter: TrainedSegmenter | undefined;
      const release = (): void => {
        loaded.dispose();
        segmenter?.dispose();
      };
      return pipe(
        o.no_fcn === true
          ? TE.right(undefined)
          : segmenterForEval({ data: config.data, size, seed, steps: o.fcn_steps ?? DEFAULT_SEGMENTER.steps, say, ...(o.fcn_cache === undefined ? {} : { cacheDir: o.fcn_cache }) }),
        TE.tap((s) => TE.fromIO(() => void (segmenter = s))),
        TE.chain(() => openSource(config.data, phase)),
        TE.chain((source) =>
          evaluateSplit({ generator: loaded.generator, vars: loaded.vars, source, phase, size, test: config.test, seed, step: loaded.step, epoch: loaded.epoch, realism: segmenter === undefined ? {} : { segmenter } }),
        ),
        TE.tap(() => TE.fromIO(release)),
        TE.tapError(() => TE.fromIO(release)),
        TE.tap((m) => TE.fromIO(() => say(formatMetricsTable([[dir, m]])))),
        TE.tap((m) => TE.fromIO(() => say(formatRealismTable([[dir, m]])))),
        TE.tap((m) => (o.output === undefined ? TE.right(undefined) : writeJson(o.output, { format: 'pix2pix-ts/metrics', checkpoint: dir, final: m }))),
      );
    }),
  );
}
