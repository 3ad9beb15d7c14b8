import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/pix2pix.js', import.meta.url));

/** `bin/pix2pix.js` copied where npm installs a published package: `<app>/node_modules/@pix2pix-ts/cli/bin/`. */
function installedCopy(root: string): { readonly pkg: string; readonly bin: string } {
  const pkg = join(root, 'node_modules', '@pix2pix-ts', 'cli');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@pix2pix-ts/cli', type: 'module' }));
  const bin = join(pkg, 'bin', 'pix2pix.js');
  copyFileSync(BIN, bin);
  return { pkg, bin };
}

const runNode = (bin: string, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

describe('the published pix2pix bin', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cli-bin-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('without dist/ says the install has no build; it never reaches for tsx', () => {
    const { bin } = installedCopy(join(tmp, 'no-dist'));
    const r = runNode(bin);
    expect(r.status).toBe(1);
    expect(r.out).toContain('has no build');
    expect(r.out).not.toMatch(/tsx/);
  });

  it('with dist/ runs dist/bin.js, also when PIX2PIX_FROM_SOURCE=1 (that switch is for the workspace only)', () => {
    const { pkg, bin } = installedCopy(join(tmp, 'built'));
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'bin.js'), "console.log('dist ran with ' + process.argv.slice(2).join(' '));\n");
    expect(runNode(bin)).toEqual({ status: 0, out: 'dist ran with --help\n' });
    expect(runNode(bin, { PIX2PIX_FROM_SOURCE: '1' })).toEqual({ status: 0, out: 'dist ran with --help\n' });
  });
});
