// The same imports as paper-nets.ts and no networks: the cost of loading the packages' types alone.
import * as tf from '@tensorflow/tfjs-core';
import { key, shaped } from '@pix2pix-ts/layers';
import type { Tensor } from '@pix2pix-ts/shape-types';
import { patchGan, unetGenerator } from '@pix2pix-ts/pix2pix';
export const used = [tf, key, shaped, patchGan, unetGenerator] as const;
export type T = Tensor<readonly [1, 2]>;
