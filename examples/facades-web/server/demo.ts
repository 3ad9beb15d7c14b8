// `npm run demo`: serves the production build of the facade demo on 127.0.0.1 with a model:
// `--model <path>` (a checkpoint folder, an exported generator, a run folder, or an official PyTorch .pth file
// or <checkpoints_dir>/<name> folder, converted at start: see served-model.ts), else the newest
// runs/*/checkpoints/latest; with none, the page uses a freshly initialised generator.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import { startDemoServer } from './demo-server';
import { newestCheckpoint, repoRoot } from './find-model';
import { servedModelOf, type ServedModel } from './served-model';

const Args = t.partial({ model: t.string, port: t.string });

function parseArgs(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (m?.[1] === undefined) throw new Error(`unexpected argument '${a}' (usage: npm run demo -- [--model DIR|FILE.pth] [--port N])`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    out[m[1]] = value;
  }
  return out;
}

const decoded = Args.decode(parseArgs(process.argv.slice(2)));
if (E.isLeft(decoded)) throw new Error(PathReporter.report(decoded).join('; '));
const args = decoded.right;
const port = args.port === undefined ? 4173 : Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${args.port}`);

// npm runs workspace scripts in the workspace folder; a relative --model is relative to where npm was started.
const invokedFrom = process.env['INIT_CWD'] ?? process.cwd();
let served: ServedModel | undefined;
if (args.model !== undefined) {
  const found = await servedModelOf(resolve(invokedFrom, args.model), (line) => console.log(line))();
  if (E.isLeft(found)) {
    // One line, no stack: the message says what --model accepts.
    console.error(`npm run demo: ${found.left.message}`);
    process.exit(1);
  }
  served = found.right;
  if (served.convertedFrom !== undefined) console.log(`model: converted the official checkpoint ${served.convertedFrom} into ${served.dir} (a temporary folder, removed on exit)`);
}
const model = served?.dir ?? (args.model === undefined ? newestCheckpoint([invokedFrom, repoRoot(), process.cwd()]) : undefined);

const dist = fileURLToPath(new URL('../dist', import.meta.url));
if (!existsSync(join(dist, 'index.html'))) throw new Error(`no build at ${dist}: run \`npm run build -w @pix2pix-ts/example-facades-web\``);

const server = await startDemoServer({ dist, port, ...(model === undefined ? {} : { model }) })();
if (E.isLeft(server)) {
  await served?.dispose();
  throw server.left;
}
console.log(`facade demo: ${server.right.url}/`);
console.log(model === undefined ? 'model: none found (runs/*/checkpoints/latest); the page uses a freshly initialised generator' : `model: ${model}`);
console.log('Ctrl-C to stop');
const stop = async (): Promise<void> => {
  await server.right.close()();
  await served?.dispose();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
