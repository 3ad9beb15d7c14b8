import { conv2d, convTranspose2d, key, serial, skip } from '@pix2pix-ts/layers';

// Two stride-2 downs but one stride-2 up: the inner output is half the size of the skip's input.
const block = skip(
  serial(
    conv2d({ filters: 16, kernel: 4, stride: 2, pad: 1 }),
    conv2d({ filters: 32, kernel: 4, stride: 2, pad: 1 }),
    convTranspose2d({ filters: 16, kernel: 4, stride: 2, pad: 1 }),
  ),
);
// This file documents the error (the README shows tsc's output); the directive's text is the message's key part.
// @ts-expect-error skip: height 64 ≠ 32
block.init(key(0), [1, 64, 64, 8]);
