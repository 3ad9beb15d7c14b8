import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  datasetArchiveUrl,
  digestRecordPath,
  DigestRecord,
  fetchOfficialDataset,
  OFFICIAL_DATASET_NAMES,
  OFFICIAL_DATASETS,
  OFFICIAL_DATASETS_URL,
  officialDataset,
  verifyOfficialDataset,
  type DownloadProgress,
} from '../src/node';
import { datasetArchive } from './support/dataset-archive';
import { unwrap, unwrapLeft } from './support/either';
import { serveFile, type TestServer } from './support/http-server';

let work = '';
let maps: Uint8Array = new Uint8Array(0);
const fresh = (name: string): string => {
  const d = join(work, name);
  mkdirSync(d, { recursive: true });
  return d;
};
/** The folder of a served file's URL: what PIX2PIX_DATASETS_URL names. */
const baseOf = (s: TestServer): string => s.url.slice(0, s.url.lastIndexOf('/'));
const envOf = (s: TestServer): Record<string, string> => ({ PIX2PIX_DATASETS_URL: baseOf(s) });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'datasets-catalog-'));
  maps = await datasetArchive('maps', { train: 4, val: 2 });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the catalogue of official datasets', () => {
  it('names the six official datasets with the paper\'s directions and evaluation splits', () => {
    expect(OFFICIAL_DATASET_NAMES).toEqual(['facades', 'cityscapes', 'maps', 'edges2shoes', 'edges2handbags', 'night2day']);
    const directions = Object.fromEntries(OFFICIAL_DATASET_NAMES.map((n) => [n, OFFICIAL_DATASETS[n].direction]));
    expect(directions).toEqual({ facades: 'BtoA', cityscapes: 'BtoA', maps: 'AtoB', edges2shoes: 'AtoB', edges2handbags: 'AtoB', night2day: 'AtoB' });
    for (const n of OFFICIAL_DATASET_NAMES) {
      const d = OFFICIAL_DATASETS[n];
      expect(d.name).toBe(n);
      // the evaluation split is one the archive has, and `test` whenever it has one
      expect(d.splits[d.evalPhase]).toBeGreaterThan(0);
      expect(d.evalPhase).toBe('test' in d.splits ? 'test' : 'val');
      expect(d.paper.cropSize).toBe(256);
    }
    expect(OFFICIAL_DATASETS.maps.imageSize).toBe(600);
    expect(OFFICIAL_DATASETS.edges2shoes.paper).toMatchObject({ batchSize: 4, nEpochs: 8, nEpochsDecay: 7 });
  });

  it('a bad name is refused with the list of known ones', () => {
    expect(officialDataset('mapz')).toEqual(E.left('unknown dataset "mapz"; the official pix2pix datasets are facades, cityscapes, maps, edges2shoes, edges2handbags, night2day'));
  });

  it('the archive URL is the authors\' server unless PIX2PIX_DATASETS_URL names another base', () => {
    expect(datasetArchiveUrl('maps', {})).toBe(`${OFFICIAL_DATASETS_URL}/maps.tar.gz`);
    expect(datasetArchiveUrl('maps', { PIX2PIX_DATASETS_URL: '' })).toBe('http://efrosgans.eecs.berkeley.edu/pix2pix/datasets/maps.tar.gz');
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), fc.nat(3), fc.constantFrom(...OFFICIAL_DATASET_NAMES), (base, slashes, name) => {
        const clean = base.replace(/\/+$/, '');
        expect(datasetArchiveUrl(name, { PIX2PIX_DATASETS_URL: clean + '/'.repeat(slashes) })).toBe(`${clean}/${name}.tar.gz`);
      }),
      { seed: 14, numRuns: 40 },
    );
  });
});

describe('fetching an official dataset by name (served from 127.0.0.1)', () => {
  it('the first download records the digest; the second call is a cache hit', async () => {
    const server = await serveFile('maps.tar.gz', maps);
    try {
      const cacheDir = fresh('first');
      const progress: DownloadProgress[] = [];
      const notes: string[] = [];
      const first = unwrap(await fetchOfficialDataset('maps', { cacheDir, onProgress: (p) => progress.push(p), onNote: (l) => notes.push(l) }, envOf(server))());
      expect(first).toMatchObject({ root: join(cacheDir, 'maps'), origin: 'download', url: `${baseOf(server)}/maps.tar.gz` });
      expect(first.dataset.direction).toBe('AtoB');
      expect(readdirSync(join(cacheDir, 'maps')).sort()).toEqual(['train', 'val']);
      expect(readdirSync(cacheDir).sort()).toEqual(['maps', 'maps.digest.json']); // no archive, no temp folder
      const record = JSON.parse(readFileSync(digestRecordPath(cacheDir, 'maps'), 'utf8')) as unknown;
      expect(DigestRecord.is(record)).toBe(true);
      expect(first.record).toEqual(record);
      expect(first.record?.bytes).toBe(maps.length);
      expect(notes.join('\n')).toMatch(/maps: digest recorded in .*maps\.digest\.json/);
      expect(progress.at(-1)).toMatchObject({ label: 'maps.tar.gz', received: maps.length, total: maps.length, done: true });

      const second = unwrap(await fetchOfficialDataset('maps', { cacheDir }, envOf(server))());
      expect(second).toMatchObject({ root: join(cacheDir, 'maps'), origin: 'cache', record: first.record });
      expect(server.requests).toHaveLength(1);
      expect(unwrap(await verifyOfficialDataset('maps', { cacheDir }, {})())).toEqual({ root: join(cacheDir, 'maps'), contentSha256: first.record?.contentSha256, against: 'record' });
      // a file changed in the cache is found by verify
      writeFileSync(join(cacheDir, 'maps', 'val', '1.png'), 'not the same');
      const changed = unwrapLeft(await verifyOfficialDataset('maps', { cacheDir }, {})());
      expect(changed.message).toMatch(/maps \(files\): SHA-256 mismatch: .*the files changed since they were downloaded; delete .*maps to download them again/);
    } finally {
      await server.close();
    }
  });

  it('an interrupted download keeps its part file and the next call resumes it with a Range', async () => {
    const server = await serveFile('maps.tar.gz', maps, { dropAfter: Math.floor(maps.length / 3), drops: 1 });
    try {
      const cacheDir = fresh('resume');
      const first = unwrapLeft(await fetchOfficialDataset('maps', { cacheDir, retries: 0 }, envOf(server))());
      expect(first.message).toMatch(/maps\.tar\.gz: download failed: connection lost after .*run again to resume/);
      expect(readdirSync(cacheDir)).toEqual(['maps.tar.gz.part']);
      // Every byte that arrived is in the part file (a pipeline's destroyed file stream could lose them under load).
      const received = Number(/connection lost after (\d+)(?: of \d+)? bytes/.exec(first.message)?.[1]);
      expect(received).toBeGreaterThan(0);
      expect(statSync(join(cacheDir, 'maps.tar.gz.part')).size).toBe(received);
      const second = unwrap(await fetchOfficialDataset('maps', { cacheDir, retries: 0 }, envOf(server))());
      expect(second.origin).toBe('download');
      expect(server.requests.map((r) => r.range)).toEqual([undefined, expect.stringMatching(/^bytes=[1-9]\d*-$/)]);
      expect(second.record?.bytes).toBe(maps.length);
    } finally {
      await server.close();
    }
  });

  it('a changed archive is refused with a clear message; a mirror re-packing the same files passes', async () => {
    const original = await serveFile('maps.tar.gz', maps);
    const changedBytes = await datasetArchive('maps', { train: 4, val: 2 }, { seed: 1 });
    const changed = await serveFile('maps.tar.gz', changedBytes);
    const repacked = await serveFile('maps.tar.gz', await datasetArchive('maps', { train: 4, val: 2 }, { level: 1 }));
    try {
      const cacheDir = fresh('changed');
      const first = unwrap(await fetchOfficialDataset('maps', { cacheDir }, envOf(original))());
      const recordPath = digestRecordPath(cacheDir, 'maps');
      // The cache folder is gone (deleted to free space, say): the next call downloads again, and is checked.
      rmSync(join(cacheDir, 'maps'), { recursive: true });
      const e = unwrapLeft(await fetchOfficialDataset('maps', { cacheDir }, envOf(changed))());
      expect(e._tag).toBe('Checksum');
      expect(e.message).toBe(
        `maps: the archive at ${baseOf(changed)}/maps.tar.gz is not the one first downloaded (SHA-256 of its files recorded in ${recordPath}: ` +
          `${first.record?.contentSha256.slice(0, 12) ?? ''}…, now: ${e._tag === 'Checksum' ? e.actual.slice(0, 12) : ''}…); refused, nothing was kept. ` +
          `If the data was republished on purpose, delete ${recordPath} and run again.`,
      );
      expect(readdirSync(cacheDir)).toEqual(['maps.digest.json']);
      // The URL of the first download serving other bytes is refused before extracting (the archive's SHA-256):
      // as if the first download had come from the server that now serves the changed archive.
      writeFileSync(recordPath, JSON.stringify({ ...first.record, url: changed.url }));
      const sameUrl = unwrapLeft(await fetchOfficialDataset('maps', { cacheDir }, envOf(changed))());
      writeFileSync(recordPath, JSON.stringify(first.record));
      expect(sameUrl.message).toMatch(/^maps: the archive at .* is not the one first downloaded \(SHA-256 recorded in/);
      // A mirror with the same files packed differently passes the files' digest.
      const mirrored = unwrap(await fetchOfficialDataset('maps', { cacheDir }, envOf(repacked))());
      expect(mirrored.origin).toBe('download');
      expect(mirrored.record).toEqual(first.record); // the reference stays the first download
      expect(existsSync(join(cacheDir, 'maps', 'train', '4.png'))).toBe(true);
    } finally {
      await Promise.all([original.close(), changed.close(), repacked.close()]);
    }
  });

  it('an unknown name downloads nothing and lists the known names; a named folder in $PIX2PIX_DATA is used as it is', async () => {
    const e = unwrapLeft(await fetchOfficialDataset('edges2boots', { cacheDir: fresh('bad') }, {})());
    expect(e.message).toBe('unknown dataset "edges2boots"; the official pix2pix datasets are facades, cityscapes, maps, edges2shoes, edges2handbags, night2day');
    expect(readdirSync(join(work, 'bad'))).toEqual([]);
    const data = fresh('data');
    mkdirSync(join(data, 'night2day', 'train'), { recursive: true });
    expect(unwrap(await fetchOfficialDataset('night2day', { cacheDir: fresh('unused') }, { PIX2PIX_DATA: data })())).toMatchObject({ root: join(data, 'night2day'), origin: 'PIX2PIX_DATA' });
  });
});
