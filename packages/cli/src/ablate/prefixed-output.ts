import type { ProgressOutput } from '../train/progress-reporter';

/**
 * An output that starts every line (and every terminal redraw after `\r`) with `prefix`, so the lines of a
 * variant's training read `[3/11 l1-s0] step 200/2000 …` inside a study's log.
 *
 * @example
 * ```ts
 * import { prefixedOutput } from '@pix2pix-ts/cli';
 * let s = '';
 * const out = prefixedOutput({ isTTY: false, columns: () => 80, write: (x) => void (s += x) }, '[1/2] ');
 * out.write('a\nb\n'); // s === '[1/2] a\n[1/2] b\n'
 * ```
 */
export function prefixedOutput(out: ProgressOutput, prefix: string): ProgressOutput {
  let atStart = true;
  return {
    isTTY: out.isTTY,
    columns: () => Math.max(20, out.columns() - prefix.length),
    write: (text) => {
      let s = '';
      for (const ch of text) {
        if (atStart && ch !== '\n' && ch !== '\r') s += prefix;
        s += ch;
        atStart = ch === '\n' || ch === '\r';
      }
      out.write(s);
    },
  };
}
