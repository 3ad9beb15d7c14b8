import { basename, dirname, extname, join } from 'node:path';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { alignedFolder, listImages, photoFolder, readFileBytes, resizeBicubic, sharpDecoder, toUnitRange, type DatasetError, type DatasetMode, type PairSource } from '@pix2pix-ts/datasets/node';
import { inputError, messageOf, type CliError } from '../cli/cli-error';
import type { CliEnv } from '../cli/cli-env';
import { describeBackend, startBackend } from '../cli/start-backend';
import type { TestConfig } from '../config/run-config';
import { evalSamples } from '../data/eval-samples';
import { fromDatasetError } from '../data/open-source';
import { photoModeOf } from '../data/photo-mode';
import { generateImage } from '../eval/generate';
import { encodePng } from '../image/png';
import type { TEST_OPTIONS } from '../options/command-options';
import type { OptionsOf } from '../options/option-spec';
import { loadGeneratorDir, type GeneratorOnDisk } from '../run/load-generator-dir';
import { writeFileTE } from '../run/json-file';
import { startPageGenerator, type GenerateImage, type PageGenerator } from '../webgl/page-generator';
import { checkpointSourceOf } from './checkpoint-dir';
import { evalConfigOf } from './eval';

/** The decoded options of `pix2pix test`. */
export type TestOptions = OptionsOf<typeof TEST_OPTIONS>;

const stem = (path: string): string => basename(path, extname(path));

/** The test-time options of `test` (its data options are handled here, not through the run's data config). */
const testTimeOf = (o: TestOptions): { readonly eval?: boolean; readonly num_test?: number; readonly direction?: 'AtoB' | 'BtoA' } => ({
  ...(o.eval === undefined ? {} : { eval: o.eval }),
  ...(o.num_test === undefined ? {} : { num_test: o.num_test }),
  ...(o.direction === undefined ? {} : { direction: o.direction }),
});

/**
 * `pix2pix test`: translates every image of a folder with a checkpoint's generator and writes `<name>.png` to
 * the results folder. `--dataset_mode single` (default): each file is an input, resized to the model's size;
 * `aligned`: AB files, the input half chosen by `--direction`. A checkpoint trained with a photo mode
 * (`colorization`, `edges`, `inpaint`) makes its inputs from photos as in training: each file is a photo (`single`)
 * or AB files whose photo half is the checkpoint's `photoSide` (`aligned`); colorization writes the colour
 * reassembled from the photo's L and the predicted ab. Test-time behaviour: the paper's unless `--eval`.
 *
 * `--backend webgl` / `webgpu`: the checkpoint is read in Node (on wasm) and its generator runs in headless Chromium
 * (`startPageGenerator`), image by image, with the same dropout keys as in Node, so the files agree with a wasm
 * run's up to float rounding (cli `test/test-webgpu.test.ts`).
 */
export function testCommand(o: TestOptions, env: CliEnv): TE.TaskEither<CliError, { readonly outDir: string; readonly count: number }> {
  const say = (s: string): void => env.stdout.write(`${s}\n`);
  if (o.dataroot === undefined) return TE.left({ _tag: 'Usage', message: '--dataroot DIR: required (a folder of images to translate)' });
  const dataroot = o.dataroot;
  const backend = o.backend ?? 'wasm';
  const inPage = backend === 'webgl' || backend === 'webgpu' ? backend : undefined;
  return pipe(
    checkpointSourceOf(o, env),
    TE.bindTo('dir'),
    // A page backend still reads the checkpoint in Node, on wasm.
    TE.bind('nodeBackend', () => startBackend(inPage === undefined ? backend : 'wasm', o.wasm_kernels, o.threads)),
    TE.tap(({ nodeBackend }) => TE.fromIO(() => (inPage === undefined ? say(`pix2pix test · backend: ${describeBackend(nodeBackend)}`) : undefined))),
    TE.bind('loaded', ({ dir }) => loadGeneratorDir(dir)),
    TE.chain(({ dir, loaded, nodeBackend }) => {
      // Beside an official .pth file (`x.pth` -> `test_x`); two levels up from a checkpoint folder (`<run>/test_<folder>`).
      const outDir = o.results_dir ?? (dir.endsWith('.pth') ? join(dirname(dir), `test_${stem(dir)}`) : join(dir, '..', '..', `test_${basename(dir)}`));
      const config = evalConfigOf(loaded.config, testTimeOf(o));
      const seed = o.seed ?? config.run.seed;
      const photoMode = photoModeOf(loaded.config.data);
      const aligned = (o.dataset_mode ?? 'single') === 'aligned';
      const translateWith = (generate: GenerateImage): TE.TaskEither<CliError, number> =>
        photoMode !== undefined
          ? translatePhotos(generate, loaded, dataroot, o, outDir, { name: photoMode.name, photoSide: aligned ? photoMode.photoSide : 'whole' })
          : aligned
            ? translateAligned(generate, loaded, dataroot, o, outDir)
            : translateSingle(generate, loaded, dataroot, o, outDir);
      const run =
        inPage === undefined
          ? translateWith(nodeGenerate(loaded, config.test, seed))
          : pipe(
              startPageGenerator(loaded, inPage, o.chromium, config.data.cropSize, config.test, seed),
              TE.tap((page) => TE.fromIO(() => say(`pix2pix test · backend: ${page.description}; checkpoint read in Node on ${describeBackend(nodeBackend)}`))),
              TE.flatMap((page: PageGenerator) =>
                pipe(
                  translateWith(page.generate),
                  TE.tapError(() => page.close()),
                  TE.tap(() => page.close()),
                ),
              ),
            );
      return pipe(
        run,
        TE.tap(() => TE.fromIO(loaded.dispose)),
        TE.tapError(() => TE.fromIO(loaded.dispose)),
        TE.map((count) => ({ outDir, count })),
        TE.tap(({ count }) => TE.fromIO(() => say(`translated ${count} image${count === 1 ? '' : 's'} into ${outDir}`))),
      );
    }),
  );
}

/** The generator in Node, on the current backend (`generateImage`). */
const nodeGenerate =
  (loaded: GeneratorOnDisk, test: TestConfig, seed: number): GenerateImage =>
  (input, width, height, index, mode) =>
    TE.tryCatch(
      async () => generateImage(loaded.generator, loaded.vars, input, width, height, test, seed, index, mode),
      (e) => inputError(messageOf(e)),
    );

function translateSingle(generate: GenerateImage, loaded: GeneratorOnDisk, dataroot: string, o: TestOptions, outDir: string): TE.TaskEither<CliError, number> {
  const config = evalConfigOf(loaded.config, testTimeOf(o));
  const size = config.data.cropSize;
  const decoder = sharpDecoder();
  return pipe(
    listImages(dataroot, 'images to translate'),
    TE.mapLeft(fromDatasetError),
    TE.chain((files) =>
      TE.tryCatch(
        async () => {
          const chosen = files.slice(0, config.test.numTest ?? files.length);
          for (const [i, f] of chosen.entries()) {
            const path = join(dataroot, f);
            const bytes = await readFileBytes(path)();
            if (bytes._tag === 'Left') throw new Error(bytes.left.message);
            const decoded = await decoder.decode(bytes.right, path)();
            if (decoded._tag === 'Left') throw new Error(decoded.left.message);
            const input = toUnitRange(resizeBicubic(decoded.right.image, size, size));
            const out = await generate(input, size, size, i)();
            if (out._tag === 'Left') throw new Error(out.left.message);
            const written = await writeFileTE(join(outDir, `${stem(f)}.png`), encodePng(out.right))();
            if (written._tag === 'Left') throw new Error(written.left.message);
          }
          return chosen.length;
        },
        (e) => inputError(messageOf(e)),
      ),
    ),
  );
}

function translateAligned(generate: GenerateImage, loaded: GeneratorOnDisk, dataroot: string, o: TestOptions, outDir: string): TE.TaskEither<CliError, number> {
  return translateSource(generate, loaded, alignedFolder(dataroot, { direction: evalConfigOf(loaded.config, testTimeOf(o)).data.direction }), o, outDir);
}

/** The photos of `dataroot` (the folder itself, no split below it) made into a photo mode's inputs as in training, translated. */
function translatePhotos(generate: GenerateImage, loaded: GeneratorOnDisk, dataroot: string, o: TestOptions, outDir: string, mode: DatasetMode): TE.TaskEither<CliError, number> {
  return translateSource(generate, loaded, photoFolder(dataroot, undefined, mode), o, outDir);
}

function translateSource(generate: GenerateImage, loaded: GeneratorOnDisk, opened: TE.TaskEither<DatasetError, PairSource>, o: TestOptions, outDir: string): TE.TaskEither<CliError, number> {
  const config = evalConfigOf(loaded.config, testTimeOf(o));
  const size = config.data.cropSize;
  return pipe(
    opened,
    TE.mapLeft(fromDatasetError),
    TE.chain((source: PairSource) =>
      TE.tryCatch(
        async () => {
          const n = Math.min(source.entries.length, config.test.numTest ?? source.entries.length);
          for (let start = 0; start < n; start += 8) {
            const idx = Array.from({ length: Math.min(8, n - start) }, (_, i) => start + i);
            const samples = await evalSamples(source, size, idx)();
            if (samples._tag === 'Left') throw new Error(samples.left.message);
            for (const s of samples.right) {
              const out = await generate(s.a, s.width, s.height, s.index, source.mode?.name)();
              if (out._tag === 'Left') throw new Error(out.left.message);
              const written = await writeFileTE(join(outDir, `${stem(s.id)}.png`), encodePng(out.right))();
              if (written._tag === 'Left') throw new Error(written.left.message);
            }
          }
          return n;
        },
        (e) => inputError(messageOf(e)),
      ),
    ),
  );
}
