import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { modeOutputRgb, type DatasetModeName } from '@pix2pix-ts/datasets';
import { key } from '@pix2pix-ts/layers';
import { buildNets, checkpointArtifacts, disposeState, initTrainState, type TrainState } from '@pix2pix-ts/pix2pix';
import type { WebglSession } from '@pix2pix-ts/browser/node';
import { backendError, messageOf, type CliError } from '../cli/cli-error';
import type { TestConfig } from '../config/run-config';
import type { Rgb8 } from '../eval/rgb';
import type { GeneratorOnDisk } from '../run/load-generator-dir';
import { startWebgl } from './start-webgl';

/** One image through a generator, as `pix2pix test` writes it: 8-bit RGB (colorization: reassembled from the input's L). */
export type GenerateImage = (input: Float32Array, width: number, height: number, index: number, mode?: DatasetModeName) => TE.TaskEither<CliError, Rgb8>;

/** A generator running in a headless Chromium page, and how to close it. */
export interface PageGenerator {
  /** The start line's backend words: `webgpu (google swiftshader) in headless Chromium (/usr/bin/chromium)`. */
  readonly description: string;
  readonly generate: GenerateImage;
  /** Closes Chromium and its server. */
  readonly close: () => TE.TaskEither<CliError, void>;
}

/**
 * The artifacts of a full training state whose generator is `loaded`'s (the page's `load` reads a whole state; the
 * discriminator and Adam moments around it are fresh and never used). The tensors made here are freed again.
 */
async function stateArtifactsOf(loaded: GeneratorOnDisk, size: number): Promise<Awaited<ReturnType<typeof checkpointArtifacts>>> {
  const { model } = loaded.config;
  const fresh = initTrainState(buildNets(model), key(0), [1, size, size, model.inputNc], model.outputNc);
  const withLoaded: TrainState = { ...fresh, g: loaded.vars, step: loaded.step, epoch: loaded.epoch };
  try {
    return await checkpointArtifacts(withLoaded, loaded.config);
  } finally {
    disposeState(fresh); // fresh.g is its own copy: loaded.vars stays
  }
}

/**
 * `pix2pix test --backend webgl|webgpu`: starts the trainer page (`startWebgl`) on that backend, builds the
 * checkpoint's networks there from its model spec and loads `loaded`'s generator weights into them. Each image is
 * then translated in the page with the same test-time behaviour and the same dropout key as in Node
 * (`foldIn(key(seed), index)`, as `generateImage`), so the outputs agree with a wasm run up to float rounding.
 * A failure on the way closes Chromium again.
 *
 * @param loaded the generator read in Node (on wasm); it stays the caller's
 * @param size the side the images are translated at (the checkpoint's crop size)
 *
 * @example
 * ```ts
 * import { startPageGenerator } from '@pix2pix-ts/cli/node';
 * // const page = await startPageGenerator(loaded, 'webgpu', undefined, 256, config.test, 0)();
 * // const rgb = await page.right.generate(input, 256, 256, 0)();   // Right({ width: 256, height: 256, data })
 * // await page.right.close()();
 * ```
 */
export function startPageGenerator(
  loaded: GeneratorOnDisk,
  backend: 'webgl' | 'webgpu',
  chromiumFlag: string | undefined,
  size: number,
  test: TestConfig,
  seed: number,
): TE.TaskEither<CliError, PageGenerator> {
  const failed = (what: string) => (e: { readonly message: string }): CliError => backendError(`--backend ${backend}: ${what}: ${e.message.split('\n')[0] ?? ''}`);
  return pipe(
    startWebgl(chromiumFlag, backend),
    TE.flatMap(({ session, chromium }) => {
      // The first error is the one to report; closing is best effort.
      const closeAfter =
        (e: CliError): TE.TaskEither<CliError, PageGenerator> =>
        async () => {
          await session.close()();
          return E.left(e);
        };
      const { model } = loaded.config;
      return pipe(
        session.init({ model, inputShape: [1, size, size, model.inputNc], seed: 0 }),
        TE.mapLeft(failed('building the networks in the page')),
        TE.flatMap(() => TE.tryCatch(() => stateArtifactsOf(loaded, size), (e) => backendError(`--backend ${backend}: encoding the generator: ${messageOf(e)}`))),
        TE.flatMap((artifacts) => pipe(session.load(artifacts), TE.mapLeft(failed('loading the generator into the page')))),
        TE.map((): PageGenerator => ({
          description: `${backend} (${session.setup.backend.renderer ?? 'unknown renderer'}) in headless Chromium (${chromium})`,
          generate: pageGenerate(session, backend, test, seed),
          close: () => pipe(session.close(), TE.mapLeft(failed('closing Chromium'))),
        })),
        TE.orElse(closeAfter),
      );
    }),
  );
}

function pageGenerate(session: WebglSession, backend: 'webgl' | 'webgpu', test: TestConfig, seed: number): GenerateImage {
  return (input, width, height, index, mode) =>
    pipe(
      session.translate(input, [1, height, width, input.length / (width * height)], { dropout: test.dropout, batchStats: test.batchStats, dropoutKey: { seed, index } }),
      TE.mapLeft((e) => backendError(`--backend ${backend}: translating image ${index + 1}: ${e.message.split('\n')[0] ?? ''}`)),
      TE.map((out) => ({ width, height, data: modeOutputRgb(mode, input, out.data) })),
    );
}
