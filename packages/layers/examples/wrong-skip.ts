import { conv2d, convTranspose2d, key, serial, skip } from '@pix2pix-ts/layers';

// Two stride-2 downs but one stride-2 up: the inner output is half the size of the skip's input.
const block = skip(
  serial(
    conv2d({ filters: 16, kernel: 4, stride: 2, pad: 1 }),
    conv2d({ filters: 32, kernel: 4, stride: 2, pad: 1 }),
    convTranspose2d({ filters: 16, kernel: 4, stride: 2, pad: 1 }),
  ),
);
// @ts-expect-error skip: height 64 ≠ 32 (this file documents the error; see the README for tsc's output)
block.init(key(0), [1, 64, 64, 8]);
