import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';

// Issue 12 item 5: the data package (and so its decode workers) loads neither the layers nor tfjs's gradients.
const root = join(import.meta.dirname, '..');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map(
    (m) => m[1] ?? m[2] ?? '',
  );

describe('datasets depends', () => {
  it('on neither @pix2pix-ts/layers nor the @tensorflow/tfjs bundle (package.json)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const deps = Object.keys(pkg.dependencies ?? {});
    expect(deps).not.toContain('@pix2pix-ts/layers');
    expect(deps).not.toContain('@tensorflow/tfjs');
    expect(deps).toContain('@pix2pix-ts/random');
  });

  it('on neither in any source import', () => {
    const bad = sourceFiles(join(root, 'src')).flatMap((f) =>
      importsOf(f)
        .filter((s) => s === '@pix2pix-ts/layers' || s === '@tensorflow/tfjs' || s.includes('register_all_gradients'))
        .map((s) => `${f.slice(root.length + 1)}: ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('so loading both entry points registers no gradient', async () => {
    await import('@pix2pix-ts/datasets');
    await import('@pix2pix-ts/datasets/node');
    for (const kernel of ['Conv2D', 'Add', 'Relu', 'FusedBatchNorm']) expect(tf.getGradient(kernel)).toBeUndefined();
  });
});
