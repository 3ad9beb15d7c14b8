#!/usr/bin/env node
// Reads a saved `npm test` log (turbo's streamed output, one `@pkg:task: ` prefix per line) and prints, for
// every task that failed, its failure section again: vitest's "Failed Tests" block and FAIL lines, or the
// type checker's `error TS` lines. CI shows only the end of a long log; this puts the cause there.
// Usage: node scripts/failure-digest.mjs LOG
import { readFileSync } from 'node:fs';

const path = process.argv[2];
if (path === undefined) {
  console.error('usage: node scripts/failure-digest.mjs LOG');
  process.exit(2);
}
// eslint-disable-next-line no-control-regex
const plain = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
const byTask = new Map();
for (const raw of readFileSync(path, 'utf8').split('\n')) {
  const line = plain(raw);
  const m = /^(@[\w.-]+\/[\w.-]+:[\w:-]+): ?(.*)$/.exec(line);
  if (m === null) continue;
  const [, task, text] = m;
  if (!byTask.has(task)) byTask.set(task, []);
  byTask.get(task).push(text);
}

const MAX = 160;
let failed = 0;
for (const [task, lines] of byTask) {
  const start = lines.findIndex((l) => /Failed Tests \d+|Failed Suites \d+|Unhandled Errors?/.test(l));
  const failLines = lines.filter((l) => /^\s*(FAIL|×|✗) /.test(l) || /error TS\d+/.test(l) || /ERR!|exited \(\d+\)/.test(l));
  if (start < 0 && failLines.length === 0) continue;
  failed++;
  console.log(`\n==== ${task}`);
  for (const l of failLines.slice(0, 40)) console.log(l);
  if (start >= 0) {
    const end = lines.findIndex((l, i) => i > start && /Test Files /.test(l));
    const block = lines.slice(start, end < 0 ? undefined : end);
    for (const l of block.slice(0, MAX)) console.log(l);
    if (block.length > MAX) console.log(`… ${block.length - MAX} more lines in the full log`);
  }
}
if (failed === 0) console.log('(no vitest or tsc failure found in the log: see the full log above)');
