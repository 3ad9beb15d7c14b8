import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
export const NODE_BACKENDS = ['cpu'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];
export async function onBackend(name: NodeBackend): Promise<void> {
  await tf.setBackend(name);
}
