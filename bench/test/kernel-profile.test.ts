import { useBackend } from '@pix2pix-ts/backends';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { byFamily, kernelFlops, ourFamily, summarizeKernels, torchFamily } from '../src/kernel-profile';

describe('per-kernel profile of a step', () => {
  it('counts the FLOPs of the convolution kernels from their shapes (2 per multiply-add)', () => {
    // 1x8x8x3 input, 4x4x3x16 filter, stride 2: 1x4x4x16 outputs of 4·4·3 MACs each.
    const conv = { name: 'Conv2D', inputShapes: [[1, 8, 8, 3], [4, 4, 3, 16]], outputShapes: [[1, 4, 4, 16]] };
    expect(kernelFlops(conv)).toBe(2 * 1 * 4 * 4 * 16 * 4 * 4 * 3);
    // Both gradients of that conv do the same work as the forward.
    expect(kernelFlops({ name: 'Conv2DBackpropInput', inputShapes: [[1, 4, 4, 16], [4, 4, 3, 16]], outputShapes: [[1, 8, 8, 3]] })).toBe(kernelFlops(conv));
    expect(kernelFlops({ name: 'Conv2DBackpropFilter', inputShapes: [[1, 8, 8, 3], [1, 4, 4, 16]], outputShapes: [[4, 4, 3, 16]] })).toBe(kernelFlops(conv));
    expect(kernelFlops({ name: 'BatchMatMul', inputShapes: [[2, 5, 7], [2, 7, 3]], outputShapes: [[2, 5, 3]] })).toBe(2 * 2 * 5 * 3 * 7);
    expect(kernelFlops({ name: 'Add', inputShapes: [[4], [4]], outputShapes: [[4]] })).toBe(0);
  });

  it('agrees with the FLOPs of a real conv as tf.profile records it', async () => {
    await useBackend('cpu');
    const x = tf.ones([1, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.ones([4, 4, 3, 16]) as tf.Tensor4D;
    const p = await tf.profile(() => tf.conv2d(x, w, 2, 'same'));
    const k = p.kernels.find((r) => r.name === 'Conv2D');
    expect(k).toBeDefined();
    if (k !== undefined) expect(kernelFlops(k)).toBe(2 * 4 * 4 * 16 * 4 * 4 * 3);
    tf.dispose([x, w]);
  });

  it('sums by kernel name per step, the slowest first, and groups both sides into the same families', () => {
    const rec = (name: string, ms: number) => ({ name, inputShapes: [], outputShapes: [], kernelTimeMs: ms });
    const s = summarizeKernels([rec('Add', 1), rec('Conv2D', 10), rec('Add', 3), rec('Conv2D', 6), rec('Pix2PixAdamUpdate', 2)], 2);
    expect(s.map((k) => [k.name, k.calls, k.ms])).toEqual([
      ['Conv2D', 1, 8],
      ['Add', 1, 2],
      ['Pix2PixAdamUpdate', 0.5, 1],
    ]);
    expect(byFamily(s, ourFamily)).toEqual({ 'convolutions and matrix products': 8, Adam: 1, 'everything else': 2 });
    expect(torchFamily('aten::convolution_backward')).toBe('convolutions and matrix products');
    expect(torchFamily('aten::slow_conv_transpose2d')).toBe('convolutions and matrix products');
    expect(torchFamily('aten::mkldnn_convolution')).toBe('convolutions and matrix products');
    expect(torchFamily('adam')).toBe('Adam');
    expect(torchFamily('aten::native_batch_norm')).toBe('everything else');
  });
});
