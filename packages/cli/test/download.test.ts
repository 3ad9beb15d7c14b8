import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OFFICIAL_DATASETS } from '@pix2pix-ts/datasets';
import { namedDatasetPreset, renderCommandHelp, renderMainHelp } from '../src/node';
import { datasetArchive } from '../../datasets/test/support/dataset-archive';
import { serveFile, type TestServer } from '../../datasets/test/support/http-server';
import { tarGzOfFolder } from '../../datasets/test/support/make-tar';
import { sharedFacades } from '../../datasets/test/support/shared';
import { inProcess } from './support/in-process';

const tmp = mkdtempSync(join(tmpdir(), 'pix2pix-download-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The folder of a served file's URL: what PIX2PIX_DATASETS_URL names. */
const baseOf = (s: TestServer): string => s.url.slice(0, s.url.lastIndexOf('/'));

// `pix2pix download` and `train --dataroot NAME` read the cache folder and the server from the environment.
const ENV_KEYS = ['XDG_CACHE_HOME', 'PIX2PIX_DATASETS_URL', 'PIX2PIX_DATA'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
let xdg = '';
let cases = 0;
const useServer = (s: TestServer): void => {
  process.env['PIX2PIX_DATASETS_URL'] = baseOf(s);
};
beforeEach(() => {
  xdg = join(tmp, `xdg-${cases++}`);
  process.env['XDG_CACHE_HOME'] = xdg;
  delete process.env['PIX2PIX_DATA'];
});
afterEach(() => {
  for (const k of ENV_KEYS) {
    const v = saved[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
const cacheOf = (): string => join(xdg, 'pix2pix-ts');

let maps: Uint8Array = new Uint8Array(0);
beforeAll(async () => {
  maps = await datasetArchive('maps', { train: 3, val: 2 });
});

describe('pix2pix download NAME (from a local HTTP server)', () => {
  it('the first download shows progress lines and records the digest; the second call is a cache hit', async () => {
    const server = await serveFile('maps.tar.gz', maps);
    try {
      useServer(server);
      const first = await inProcess(['download', 'maps', '--progress', 'lines']);
      expect(first.code).toBe(0);
      expect(first.err).toMatch(/^maps\.tar\.gz \[={30}\] 100% {2}0\.0\/0\.0 MB {2}\d+\.\d MB\/s done\n$/m);
      expect(first.out).toContain(`maps: ${join(cacheOf(), 'maps')} (downloaded from ${server.url})`);
      expect(first.out).toContain('aerial photo → map, --direction AtoB; train 1096, val 1098 pairs of 600x600 halves; evaluated on val');
      expect(first.out).toMatch(/maps: digest recorded in .*maps\.digest\.json/);
      expect(first.out).toMatch(/ {2}digest: archive [0-9a-f]{64}, files [0-9a-f]{64}\n/);
      expect(readdirSync(cacheOf()).sort()).toEqual(['maps', 'maps.digest.json']);

      const second = await inProcess(['download', 'maps', '--verify']);
      expect(second.code).toBe(0);
      expect(second.out).toContain(`maps: ${join(cacheOf(), 'maps')} (cached)`);
      expect(second.out).toMatch(/verified: every file matches the digest recorded at the first download/);
      expect(second.err).toBe('');
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('an interrupted download is resumed by the next call', async () => {
    const server = await serveFile('maps.tar.gz', maps, { dropAfter: Math.floor(maps.length / 2), drops: 1 });
    try {
      useServer(server);
      const first = await inProcess(['download', 'maps', '--retries', '0', '--progress', 'none']);
      expect(first.code).toBe(1);
      expect(first.err).toMatch(/^pix2pix: download maps: .*maps\.tar\.gz: download failed: connection lost after .*gave up after 1 attempts \(the part file is kept; run again to resume\)\n$/);
      expect(readdirSync(cacheOf())).toEqual(['maps.tar.gz.part']);
      const second = await inProcess(['download', 'maps', '--retries', '0', '--progress', 'none']);
      expect(second.code).toBe(0);
      expect(server.requests[1]?.range).toMatch(/^bytes=[1-9]\d*-$/);
    } finally {
      await server.close();
    }
  });

  it('a changed archive is refused with a clear message', async () => {
    const first = await serveFile('maps.tar.gz', maps);
    const changed = await serveFile('maps.tar.gz', await datasetArchive('maps', { train: 3, val: 2 }, { seed: 7 }));
    try {
      useServer(first);
      expect((await inProcess(['download', 'maps', '--progress', 'none'])).code).toBe(0);
      rmSync(join(cacheOf(), 'maps'), { recursive: true });
      useServer(changed);
      const r = await inProcess(['download', 'maps', '--progress', 'none']);
      expect(r.code).toBe(1);
      const record = join(cacheOf(), 'maps.digest.json');
      expect(r.err).toMatch(new RegExp(`^pix2pix: download maps: maps: the archive at ${changed.url} is not the one first downloaded \\(SHA-256 of its files recorded in ${record}: [0-9a-f]{12}…, now: [0-9a-f]{12}…\\); refused, nothing was kept\\. If the data was republished on purpose, delete ${record} and run again\\.\\n$`));
      expect(readdirSync(cacheOf())).toEqual(['maps.digest.json']);
    } finally {
      await Promise.all([first.close(), changed.close()]);
    }
  });

  it('a bad name, or none, lists the known ones (exit 2) and fetches nothing; --list describes them', async () => {
    const names = 'facades, cityscapes, maps, edges2shoes, edges2handbags, night2day';
    expect(await inProcess(['download', 'mapz'])).toEqual({ code: 2, out: '', err: `pix2pix: download: unknown dataset "mapz"; the official pix2pix datasets are ${names}\n` });
    expect((await inProcess(['download'])).err).toBe(`pix2pix: download: which dataset? pix2pix download NAME, NAME one of ${names} (--list describes them)\n`);
    expect(existsSync(cacheOf())).toBe(false);
    const list = await inProcess(['download', '--list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^maps {12}aerial photo → map \(AtoB\) {3}train 1096, val 1098 {12}600x600 {2}~250 MB$/m);
    expect(list.out).toMatch(/^night2day {7}night → day \(AtoB\) {10}train 17823, val 10, test 2287 {2}256x256 {2}~1\.9 GB$/m);
    expect(list.out).toContain('from http://efrosgans.eecs.berkeley.edu/pix2pix/datasets/NAME.tar.gz (PIX2PIX_DATASETS_URL: another server)');
  });

  it('--help and the main help document the command and --dataroot NAME', () => {
    expect(renderMainHelp()).toMatch(/\n {2}download +download an official pix2pix dataset/);
    expect(renderCommandHelp('download')).toMatch(/Usage: pix2pix download NAME \[--verify\] \| pix2pix download --list/);
    expect(renderCommandHelp('train')).toMatch(/or the name of an official dataset \(facades, cityscapes, maps,\s+edges2shoes, edges2handbags, night2day\)/);
  });
});

describe('pix2pix train --dataroot NAME', () => {
  it('presets the direction and the evaluation split; explicit options win; --preset paper adds the paper\'s recipe', () => {
    expect(namedDatasetPreset(OFFICIAL_DATASETS.maps, { dataroot: '/c/maps' })).toEqual({
      options: { dataroot: '/c/maps', direction: 'AtoB', eval_phase: 'val' },
      applied: ['--direction AtoB', '--eval_phase val'],
    });
    expect(namedDatasetPreset(OFFICIAL_DATASETS.maps, { direction: 'BtoA', eval_phase: 'train' }).applied).toEqual([]);
    expect(namedDatasetPreset(OFFICIAL_DATASETS.edges2shoes, { preset: 'paper' }).options).toEqual({
      preset: 'paper', direction: 'AtoB', eval_phase: 'val', load_size: 286, crop_size: 256, batch_size: 4, n_epochs: 8, n_epochs_decay: 7,
    });
    // a crop size given alone keeps scaling the load size with it
    expect(namedDatasetPreset(OFFICIAL_DATASETS.night2day, { preset: 'paper', crop_size: 128 }).options).toMatchObject({ crop_size: 128, batch_size: 4, n_epochs: 9, n_epochs_decay: 8 });
    expect(namedDatasetPreset(OFFICIAL_DATASETS.night2day, { preset: 'paper', crop_size: 128 }).options.load_size).toBeUndefined();
  });

  const trainArgs = (name: string, runs: string): string[] => ['train', '--dataroot', name, '--smoke', '--backend', 'cpu', '--num_threads', '0', '--max_dataset_size', '2', '--n_epochs', '1', '--n_epochs_decay', '0', '--num_test', '2', '--num_samples', '1', '--runs_dir', runs, '--name', name];
  const configOf = (runs: string): { data: { dataroot: string; direction: string; evalPhase: string } } => {
    const [run] = readdirSync(runs);
    return JSON.parse(readFileSync(join(runs, run ?? '', 'config.json'), 'utf8')) as { data: { dataroot: string; direction: string; evalPhase: string } };
  };

  it('--dataroot maps downloads maps once and trains AtoB, evaluated on val; eval --dataroot maps evaluates on val', async () => {
    const server = await serveFile('maps.tar.gz', maps);
    try {
      useServer(server);
      const runs = join(tmp, 'runs-maps');
      const r = await inProcess(trainArgs('maps', runs));
      // stderr: the download's progress lines (not a terminal), nothing else
      expect(r.err.trimEnd().split('\n').every((l) => l.startsWith('maps.tar.gz ['))).toBe(true);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`--dataroot maps: the official maps dataset (aerial photo → map), downloaded to ${join(cacheOf(), 'maps')}; presets: --direction AtoB --eval_phase val`);
      expect(configOf(runs).data).toMatchObject({ dataroot: join(cacheOf(), 'maps'), direction: 'AtoB', evalPhase: 'val' });
      expect(server.requests).toHaveLength(1);

      // eval --dataroot NAME on another machine (an empty cache): fetched, evaluated on maps' val split
      process.env['XDG_CACHE_HOME'] = join(tmp, 'xdg-eval');
      const [run] = readdirSync(runs);
      const evaluated = await inProcess(['eval', '--run', join(runs, run ?? ''), '--dataroot', 'maps', '--backend', 'cpu', '--num_test', '2']);
      expect(evaluated.code).toBe(0);
      expect(evaluated.out).toContain(`--dataroot maps: the official maps dataset (aerial photo → map), downloaded to ${join(tmp, 'xdg-eval', 'pix2pix-ts', 'maps')}; presets: --phase val`);
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it.skipIf(sharedFacades === undefined)('--dataroot facades trains BtoA (labels → photo), evaluated on test; the Facades digest is checked', async () => {
    const server = await serveFile('facades.tar.gz', tarGzOfFolder(sharedFacades ?? '', 'facades'));
    try {
      useServer(server);
      const runs = join(tmp, 'runs-facades');
      const r = await inProcess(trainArgs('facades', runs));
      expect(r.err.trimEnd().split('\n').every((l) => l.startsWith('facades.tar.gz ['))).toBe(true);
      expect(r.code).toBe(0);
      expect(r.out).toContain('; presets: --direction BtoA --eval_phase test');
      expect(configOf(runs).data).toMatchObject({ dataroot: join(cacheOf(), 'facades'), direction: 'BtoA', evalPhase: 'test' });
    } finally {
      await server.close();
    }
  });

  it('a usage error in another option is said before anything is fetched', async () => {
    const server = await serveFile('maps.tar.gz', maps);
    try {
      useServer(server);
      expect(await inProcess(['train', '--dataroot', 'maps', '--crop_size', '60'])).toMatchObject({ code: 2, err: 'pix2pix: --crop_size 60 does not fit unet_64: cannot halve 15 (after 2 of 6 downsamplings); use a multiple of 64\n' });
      expect((await inProcess(['train', '--dataroot', 'maps', '--model', 'cycle_gan'])).code).toBe(2);
      expect(server.requests).toHaveLength(0);
      expect(existsSync(cacheOf())).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('an unknown official-looking name is an ordinary folder path (nothing is fetched)', async () => {
    const r = await inProcess(['train', '--dataroot', 'mapz', '--smoke', '--runs_dir', join(tmp, 'runs-none')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/mapz/);
    expect(existsSync(cacheOf())).toBe(false);
  });
});
