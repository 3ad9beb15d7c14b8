import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import * as T from 'fp-ts/Task';
import type { SavePoint } from '../run/run-info';

/**
 * A PNG as a `data:` URI, so a page can carry it inside itself.
 *
 * @example
 * ```ts
 * import { pngDataUri } from '@pix2pix-ts/cli';
 * pngDataUri(new Uint8Array([137, 80, 78, 71])); // 'data:image/png;base64,iVBORw=='
 * ```
 */
export function pngDataUri(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64')}`;
}

/** Whether a sheet path of `run.json` names a PNG inside the run folder (a report never embeds other files). */
function isSheetOfRun(runDir: string, sheet: string): boolean {
  const rel = relative(resolve(runDir), resolve(runDir, sheet));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && sheet.toLowerCase().endsWith('.png');
}

/**
 * The save points' sample sheets, read from the run folder, as `data:` URIs by their `sheet` path (the
 * `images` of a report). A sheet that cannot be read (or lies outside the run folder) is left out: the
 * report then links it by its path instead, so a missing PNG never fails the report.
 *
 * @example
 * ```ts
 * import { readSheetImages } from '@pix2pix-ts/cli';
 * // const images = await readSheetImages('runs/x', info.savePoints)();
 * ```
 */
export function readSheetImages(runDir: string, savePoints: readonly SavePoint[]): T.Task<Readonly<Record<string, string>>> {
  return async () => {
    const out: Record<string, string> = {};
    for (const { sheet } of savePoints) {
      if (sheet in out || !isSheetOfRun(runDir, sheet)) continue;
      const bytes = await readFile(resolve(runDir, sheet)).catch(() => undefined);
      if (bytes !== undefined) out[sheet] = pngDataUri(bytes);
    }
    return out;
  };
}
