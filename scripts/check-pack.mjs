// `npm run check:pack`: are the packages installable by someone outside this repository? Packs every
// publishable package (`npm pack`, whose `prepack` builds dist/), checks what each tarball holds, installs all
// tarballs with `npm install ./*.tgz` in an empty folder OUTSIDE the repository (no workspace; third-party
// dependencies come from the npm registry), then runs the root README's library example (the block after the
// `check:pack` marker, as example.mjs) and `npx pix2pix --help` with plain node. Exits 1 on the first failure.
// Leaves the working tree as it found it: dist/ folders that only the packing created are removed again.
// `--keep` keeps the temporary folder for inspection.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const keep = process.argv.includes('--keep');
const MARKER = '<!-- check:pack runs the next block as example.mjs -->';

/** The child's environment: none of the npm_* variables of an enclosing `npm run` (workspace, prefix, …). */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') && k !== 'PIX2PIX_FROM_SOURCE'));

function run(cmd, args, cwd) {
  console.log(`$ (${relative(root, cwd) || '.'}) ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) throw r.error;
  return { status: r.status ?? 1, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

function must(cmd, args, cwd) {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.out.slice(-4000)}`);
  return r;
}

function fail(message) {
  console.error(`check:pack FAILED: ${message}`);
  cleanUp();
  process.exit(1);
}

// The publishable packages, dependencies first (npm pack order does not matter, but builds read their deps' sources).
const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir: join(root, 'packages', dir), json: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter((p) => p.json.private !== true);
const names = new Set(packages.map((p) => p.json.name));
const ordered = [];
const visit = (p, seen = new Set()) => {
  if (ordered.includes(p) || seen.has(p)) return;
  seen.add(p);
  for (const dep of Object.keys(p.json.dependencies ?? {})) {
    const d = packages.find((q) => q.json.name === dep);
    if (d !== undefined) visit(d, seen);
  }
  ordered.push(p);
};
for (const p of packages) visit(p);

const builtBefore = new Set(packages.filter((p) => existsSync(join(p.dir, 'dist'))).map((p) => p.dir));
const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'pix2pix-pack-')));
if (!relative(root, tmp).startsWith('..')) fail(`the temporary folder ${tmp} is inside the repository`);

function cleanUp() {
  for (const p of packages) if (!builtBefore.has(p.dir)) rmSync(join(p.dir, 'dist'), { recursive: true, force: true });
  if (keep) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

// 1. Pack (prepack builds), and check each tarball's contents and manifest.
const tarballs = join(tmp, 'tarballs');
mkdirSync(tarballs);
for (const p of ordered) {
  // The build's own output (prepack) comes first on stdout; npm's JSON report is the last array.
  const { stdout } = must('npm', ['pack', '--workspace', p.json.name, '--pack-destination', tarballs, '--json', '--loglevel', 'error'], root);
  const [info] = JSON.parse(stdout.slice(stdout.lastIndexOf('[\n  {')));
  const files = new Set(info.files.map((f) => f.path));
  const wanted = ['package.json', 'LICENSE', 'README.md', ...Object.values(p.json.exports ?? {}).flatMap((e) => [e.import, e.types].filter(Boolean).map((f) => f.replace(/^\.\//, ''))), ...Object.values(p.json.bin ?? {}).map((f) => f.replace(/^\.\//, ''))];
  const missing = wanted.filter((f) => !files.has(f));
  if (missing.length > 0) fail(`${p.json.name}: the tarball lacks ${missing.join(', ')}`);
  for (const field of ['license', 'repository', 'engines']) if (p.json[field] === undefined) fail(`${p.json.name}: package.json has no "${field}"`);
  for (const [dep, range] of Object.entries(p.json.dependencies ?? {})) {
    if (/^(workspace|file|link):/.test(range)) fail(`${p.json.name}: dependency ${dep} is "${range}", not installable from a registry`);
    if (names.has(dep) && !/^[\^~]/.test(range)) fail(`${p.json.name}: internal dependency ${dep} is pinned to "${range}"; use a range (^x.y.z)`);
  }
  console.log(`packed ${info.filename}: ${info.files.length} files, ${(info.size / 1024).toFixed(0)} KiB`);
}

// 2. Install the tarballs in an empty project outside the repository.
const app = join(tmp, 'app');
mkdirSync(app);
writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'pix2pix-pack-check', private: true, type: 'module' }, null, 2)}\n`);
const tgz = readdirSync(tarballs).filter((f) => f.endsWith('.tgz')).map((f) => join(tarballs, f));
must('npm', ['install', '--no-audit', '--no-fund', '--loglevel', 'error', ...tgz], app);

// 3. The README's library example, with plain node.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const block = /```js\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(MARKER)));
if (!readme.includes(MARKER) || block === null) fail(`README.md has no \`\`\`js block after "${MARKER}"`);
writeFileSync(join(app, 'example.mjs'), block[1]);
const example = must(process.execPath, ['example.mjs'], app).out;
console.log(example.trim());
if (!/step 3:/.test(example)) fail('the README example did not print its third step');

// 4. The command line, as a user of the published package runs it.
const help = must('npx', ['--no', '--', 'pix2pix', '--help'], app).out;
if (!/train/.test(help)) fail(`\`npx pix2pix --help\` printed no command list:\n${help}`);
console.log(help.split('\n').slice(0, 4).join('\n'));

cleanUp();
console.log(`check:pack ok: ${ordered.length} packages packed, installed outside the repository, example and CLI run with ${process.version}`);
