/**
 * `npm run screenshot -w @pix2pix-ts/example-facades -- <report.html> [out.png]`: a screenshot of a report
 * (default `examples/facades/report-screenshot.png`), recompressed to stay small.
 * @packageDocumentation
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { REPO_ROOT } from './run-example';
import { screenshotReport } from './screenshot';

const [html, out = join(REPO_ROOT, 'examples', 'facades', 'report-screenshot.png')] = process.argv.slice(2);
if (html === undefined) {
  process.stderr.write('usage: screenshot <report.html> [out.png]\n');
  process.exit(2);
}
const r = await screenshotReport(resolve(html), out, { width: 1000, maxHeight: 2250 });
// Playwright's PNGs are large: 90% scale and a 256-colour palette keep the screenshot under 400 KB.
const small = await sharp(await readFile(out)).resize({ width: 900 }).png({ palette: true, colours: 256, compressionLevel: 9, effort: 10 }).toBuffer();
await writeFile(out, small);
process.stdout.write(`${out}: ${Math.round((await stat(out)).size / 1024)} KB, page ${r.height}px, problems: ${r.problems.length === 0 ? 'none' : r.problems.join('; ')}\n`);
process.exit(r.problems.length === 0 && r.brokenImages === 0 ? 0 : 1);
