#!/usr/bin/env node
// The `pix2pix` command. Runs the built CLI (dist/bin.js) when the package is built; in the workspace, runs the
// TypeScript sources in-process through tsx, resolving workspace packages by their `source` export condition.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = new URL('../dist/bin.js', import.meta.url);

if (existsSync(fileURLToPath(dist)) && process.env.PIX2PIX_FROM_SOURCE !== '1') {
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
