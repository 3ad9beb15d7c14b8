import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { filterGradGeometry, type FilterGradGeometry } from './conv2d-backprop-filter-attrs';
import { isDisposingBackend, type DisposingBackend } from './kernel-scope';

/**
 * What a `Conv2DBackpropFilter` kernel of this package works from, checked.
 *
 * @example
 * ```ts
 * import type { FilterGradInputs } from '@pix2pix-ts/backends';
 *
 * const describe = (i: FilterGradInputs): string => `${i.geometry.filterHeight}x${i.geometry.filterWidth} filter`;
 * ```
 */
export interface FilterGradInputs {
  readonly x: TensorInfo;
  readonly dy: TensorInfo;
  readonly backend: DisposingBackend;
  readonly geometry: FilterGradGeometry;
}

/**
 * Checks the arguments every `Conv2DBackpropFilter` kernel here receives (inputs `x` and `dy`, a
 * tfjs backend, NHWC attributes) and resolves the geometry; throws with the kernel's name otherwise.
 *
 * @example
 * ```ts
 * import type { KernelFunc } from '@tensorflow/tfjs-core';
 * import { filterGradDilated, filterGradInputs, kernelScope } from '@pix2pix-ts/backends';
 *
 * const kernelFunc: KernelFunc = (args) => {
 *   const { x, dy, backend, geometry } = filterGradInputs(args);
 *   return kernelScope(backend, 'cpu', (run) => filterGradDilated(run, x, dy, geometry));
 * };
 * ```
 */
export function filterGradInputs({ inputs, backend, attrs }: Parameters<KernelFunc>[0]): FilterGradInputs {
  const { x, dy } = inputs;
  if (x === undefined || dy === undefined) throw new Error('Conv2DBackpropFilter: inputs x and dy are required');
  if (!isDisposingBackend(backend)) throw new Error('Conv2DBackpropFilter: not handed a tfjs backend');
  return { x, dy, backend, geometry: filterGradGeometry(x.shape, dy.shape, attrs) };
}
