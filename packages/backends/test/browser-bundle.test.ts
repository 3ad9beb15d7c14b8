import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('browser bundle', () => {
  it('bundles for the browser with no node: import, and loads each backend package lazily', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      splitting: true,
      outdir: fileURLToPath(new URL('../.scratch/bundle', import.meta.url)),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const outputs = Object.entries(result.metafile.outputs);
    // Nothing left external (a node built-in would be) and no static or dynamic `node:` import.
    expect(outputs.flatMap(([, o]) => o.imports.filter((i) => i.external).map((i) => i.path))).toEqual([]);
    for (const file of result.outputFiles) {
      expect(file.text).not.toMatch(/(from|import\(|require\()\s*["']node:/);
    }
    // The entry chunk imports the three backend packages only dynamically.
    const [, entry] = outputs.find(([, o]) => o.entryPoint !== undefined) ?? [];
    const dynamic = entry?.imports.filter((i) => i.kind === 'dynamic-import').length ?? 0;
    expect(dynamic).toBeGreaterThanOrEqual(4); // cpu, wasm, webgl, tfjs-core's gradients
  });
});
