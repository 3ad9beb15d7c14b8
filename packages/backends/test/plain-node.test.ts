import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

describe('plain Node (outside vite)', () => {
  it('useBackend("wasm") loads local binaries and tfjs-core gradients; conv and mirrorPad gradients work', async () => {
    const script = fileURLToPath(new URL('./fixtures/plain-node-smoke.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    const last = stdout.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({
      info: { name: 'wasm', simd: true, extraKernels: ['Conv2DBackpropFilter', 'Pix2PixAdamUpdate', 'Pix2PixBatchNormTrain', 'Pix2PixBatchNormTrainGrad', 'Pix2PixLeakyReluGrad'], replacedKernels: ['Conv2DBackpropInput', 'Conv2D', 'FusedConv2D', 'Identity', 'Concat', 'SplitV'] },
      dx: [1, 8, 8, 3],
      dw: [4, 4, 3, 2],
      mirror: [1, 3, 1],
    });
  });
});
