#!/usr/bin/env node
// The `pix2pix` command. An installed package (one under node_modules) always runs its build, dist/bin.js,
// which `prepack` puts into every published tarball; it never needs tsx, which it does not depend on. Only in
// this repository's workspace, where tsx is a root dev dependency, does it run the TypeScript sources
// in-process through tsx (resolving workspace packages by their `source` export condition) when dist/ is
// missing or PIX2PIX_FROM_SOURCE=1.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = new URL('../dist/bin.js', import.meta.url);
const built = existsSync(fileURLToPath(dist));
// Node runs a bin through its real path, so a workspace link (node_modules/.bin → packages/cli) is not "installed".
const installed = fileURLToPath(import.meta.url).split(sep).includes('node_modules');

if (installed || (built && process.env.PIX2PIX_FROM_SOURCE !== '1')) {
  if (!built) {
    process.stderr.write(`pix2pix: this installation of @pix2pix-ts/cli has no build (${fileURLToPath(dist)} is missing); reinstall the package\n`);
    process.exit(1);
  }
  await import(dist.href);
} else {
  const addSourceCondition = [
    'export async function resolve(specifier, context, next) {',
    "  const conditions = context.conditions.includes('source') ? context.conditions : [...context.conditions, 'source'];",
    '  return next(specifier, { ...context, conditions });',
    '}',
  ].join('\n');
  register(`data:text/javascript,${encodeURIComponent(addSourceCondition)}`);
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  await import(pathToFileURL(fileURLToPath(new URL('../src/bin.ts', import.meta.url))).href);
}
