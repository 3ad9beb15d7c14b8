import { disposeTree, key } from '@pix2pix-ts/layers';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOfficialNet, officialDiscriminator, officialGenerator, type OfficialNet } from '../src/index';
import { importPthFile, writeOfficialCheckpoint } from '../src/node';
import { onBackend } from './support/backends';

const dir = mkdtempSync(join(tmpdir(), 'pix2pix-pth-folder-'));
const specOrThrow = <T extends OfficialNet>(s: T | undefined): T => {
  if (s === undefined) throw new Error('unknown official name');
  return s;
};

describe('the official checkpoint folder', () => {
  beforeAll(() => onBackend('cpu'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes <checkpoints>/<name>/latest_net_G.pth and latest_net_D.pth, and reads a folder back by role', async () => {
    const g = specOrThrow(officialGenerator('unet_32', { ngf: 2 }));
    const d = specOrThrow(officialDiscriminator('basic', { ndf: 2 }));
    const gVars = buildOfficialNet(g).init(key(1), [1, 32, 32, 3]);
    const dVars = buildOfficialNet(d).init(key(2), [1, 32, 32, 6]);
    const written = await writeOfficialCheckpoint(dir, 'facades_ours', { G: { spec: g, vars: gVars }, D: { spec: d, vars: dVars } })();
    expect(written).toEqual({ _tag: 'Right', right: [join(dir, 'facades_ours', 'latest_net_G.pth'), join(dir, 'facades_ours', 'latest_net_D.pth')] });
    expect(readdirSync(join(dir, 'facades_ours')).sort()).toEqual(['latest_net_D.pth', 'latest_net_G.pth']);
    const back = await importPthFile(join(dir, 'facades_ours'))();
    expect(back._tag === 'Right' && back.right.spec).toEqual(g);
    const backD = await importPthFile(join(dir, 'facades_ours'), { role: 'D' })();
    expect(backD._tag === 'Right' && backD.right.spec).toEqual(d);
    for (const r of [back, backD]) if (r._tag === 'Right') [r.right.vars.params, r.right.vars.state].forEach(disposeTree);
    [gVars.params, gVars.state, dVars.params, dVars.state].forEach(disposeTree);
  });

  it('a folder without the file, or a missing path, is a clear error naming what was looked for', async () => {
    const missing = await importPthFile(join(dir, 'facades_ours'), { epoch: 200 })();
    expect(missing._tag === 'Left' && missing.left.message).toMatch(/is a folder without 200_net_G\.pth/);
    const nowhere = await importPthFile(join(dir, 'nope.pth'))();
    expect(nowhere._tag === 'Left' && nowhere.left.message).toMatch(/cannot read .*nope\.pth/);
    expect(existsSync(join(dir, 'facades_ours', 'latest_net_G.pth.tmp-' + process.pid))).toBe(false);
  });
});
