import { Identity } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';

/** The part of the wasm backend {@link identityShared} uses: its reference counts. */
interface RefCountingBackend {
  incRef(dataId: object): void;
}

function isRefCountingBackend(backend: unknown): backend is RefCountingBackend {
  return typeof backend === 'object' && backend !== null && typeof Reflect.get(backend, 'incRef') === 'function';
}

/**
 * Wraps wasm's `Identity` (`fallback`) so that it shares its input's data (one more reference)
 * instead of copying it, as cpu's `Identity` and wasm's own `Reshape` do. tfjs-core runs
 * `Identity` for every tensor a gradient saves for the backward pass (`tf.clone`), so in training
 * wasm copied each saved activation and filter once per step (~640 copies per pix2pix step at
 * 64×64). tfjs tensors are immutable, so sharing is safe; string tensors go to `fallback`.
 *
 * @param fallback wasm's own `Identity`; `undefined` gives `undefined` (nothing to replace)
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { useBackend } from '@pix2pix-ts/backends';
 *
 * await useBackend('wasm'); // installs it over wasm's Identity
 * const x = tf.ones([2, 2]);
 * const y = tf.clone(x); // same values, no copy
 * ```
 */
export function identityShared(fallback: KernelConfig | undefined): KernelConfig | undefined {
  if (fallback === undefined) return undefined;
  const kernelFunc: KernelFunc = (args) => {
    const { inputs, backend } = args;
    const { x } = inputs;
    if (x === undefined || x.dtype === 'string' || !isRefCountingBackend(backend)) return fallback.kernelFunc(args);
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
  return { ...fallback, kernelName: Identity, kernelFunc };
}
