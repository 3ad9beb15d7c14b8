import type { GradConfig, KernelConfig } from '@tensorflow/tfjs-core';
import type { BackendName } from '../backend/backend-name';
import { adamUpdateCpu } from '../cpu/adam-update-cpu';
import { batchNormTrainCpu, batchNormTrainGradCpu } from '../cpu/batch-norm-train-cpu';
import { leakyReluFusedGradConfig, reluFusedGradConfig } from '../gradients/activation-grads';
import { batchNormTrainGradConfig } from '../gradients/batch-norm-train-grad';
import { leakyReluGradCpu } from '../cpu/leaky-relu-grad-cpu';
import { leakyReluGradWasm } from '../wasm/leaky-relu-grad-wasm';
import { conv2dBackpropFilterCpu } from '../cpu/conv2d-backprop-filter';
import { adamUpdateWasm } from '../wasm/adam-update-wasm';
import { batchNormTrainGradWasm, batchNormTrainWasm } from '../wasm/batch-norm-train-wasm';
import { concatNarrowRows } from '../wasm/concat-narrow';
import { conv2dBackpropFilterWasm } from '../wasm/conv2d-backprop-filter';
import { conv2dBackpropInputWasm } from '../wasm/conv2d-backprop-input';
import { explicitSamePadding } from '../wasm/explicit-same-padding';
import { identityShared } from '../wasm/identity-shared';
import { smallConvByMatMul } from '../wasm/small-conv-by-matmul';
import { splitNarrowRows } from '../wasm/split-narrow';
import { adamUpdateWebgl } from '../webgl/adam-update-webgl';
import { filterGradByMatMulWebgl } from '../webgl/filter-grad-webgl';
import { inputGradByMatMulWebgl } from '../webgl/input-grad-webgl';
import { adamUpdateWebgpu } from '../webgpu/adam-update-webgpu';
import { KERNEL_NAMES, type KernelName } from './kernel-names';

/**
 * A kernel to install over a backend's own (faster, or fixed), built from that own kernel, which
 * it may delegate to; `replace` returns `undefined` when there is nothing to wrap.
 *
 * @example
 * ```ts
 * import { conv2dBackpropInputWasm } from '@pix2pix-ts/backends';
 * import type { KernelReplacement } from '@pix2pix-ts/backends';
 *
 * const r: KernelReplacement = { kernelName: 'Conv2DBackpropInput', backendName: 'wasm', replace: conv2dBackpropInputWasm };
 * ```
 */
export interface KernelReplacement {
  readonly kernelName: KernelName;
  readonly backendName: BackendName;
  readonly replace: (native: KernelConfig | undefined) => KernelConfig | undefined;
}

/**
 * What this package changes on one backend: the kernels it `adds` (the backend lacks them) and the
 * ones it `replaces` (the backend's own are slow or wrong).
 *
 * @example
 * ```ts
 * import type { BackendKernels } from '@pix2pix-ts/backends';
 *
 * const none: BackendKernels = { adds: [], replaces: [] };
 * ```
 */
export interface BackendKernels {
  readonly adds: readonly KernelConfig[];
  readonly replaces: readonly KernelReplacement[];
}

/** Wraps a webgl replacement that needs webgl's own kernel to fall back to. */
const overWebgl =
  (make: (native: KernelConfig) => KernelConfig) =>
  (native: KernelConfig | undefined): KernelConfig | undefined =>
    native === undefined ? undefined : make(native);

/**
 * The one kernel registry: every kernel this project adds to or replaces on each backend, as found
 * by the audits (every forward op and gradient of the pix2pix layers and losses run on each backend,
 * against cpu's own kernels). `useBackend(name)` installs `BACKEND_KERNELS[name]`, nothing else does.
 *
 * - **cpu**: adds the fused Adam ({@link adamUpdateCpu}), the fused training-mode batch norm and
 *   its gradient ({@link batchNormTrainCpu}, {@link batchNormTrainGradCpu}) and the fused activation
 *   gradient ({@link leakyReluGradCpu}); replaces `Conv2DBackpropFilter` (a slow loop
 *   nest) by one dilated convolution ({@link conv2dBackpropFilterCpu}).
 * - **wasm**: adds `Conv2DBackpropFilter` (missing), the fused Adam (one SIMD pass), the fused
 *   training-mode batch norm and its gradient ({@link batchNormTrainWasm}: 2 kernels instead of ~30)
 *   and the fused activation gradient ({@link leakyReluGradWasm}: 1 instead of 3); replaces
 *   `Conv2DBackpropInput` (plain loops) by an XNNPACK sub-pixel convolution, `Conv2D` / `FusedConv2D`
 *   by themselves with `'same'` padding made explicit (their `'same'` is wrong for some kernel/stride
 *   shapes) and small ones as a matrix product ({@link smallConvByMatMul}), `Identity` by one that
 *   shares its input's data ({@link identityShared}), and `Concat` / `SplitV` along short inner rows
 *   by element loops ({@link concatNarrowRows}, {@link splitNarrowRows}).
 * - **webgl**: adds the fused Adam (three shaders, {@link adamUpdateWebgl}); replaces both conv
 *   gradients by matrix products ({@link filterGradByMatMulWebgl}, {@link inputGradByMatMulWebgl}).
 * - **webgpu**: adds the fused Adam ({@link adamUpdateWebgpu}); its own kernels are all right.
 *
 * @example
 * ```ts
 * import { BACKEND_KERNELS } from '@pix2pix-ts/backends';
 *
 * BACKEND_KERNELS.wasm.adds.map((k) => k.kernelName); // ['Conv2DBackpropFilter', 'Pix2PixAdamUpdate', 'Pix2PixBatchNormTrain', 'Pix2PixBatchNormTrainGrad', 'Pix2PixLeakyReluGrad']
 * BACKEND_KERNELS.wasm.replaces.map((r) => r.kernelName); // ['Conv2DBackpropInput', 'Conv2D', 'FusedConv2D', 'Identity', 'Concat', 'SplitV']
 * BACKEND_KERNELS.webgl.replaces.map((r) => r.kernelName); // ['Conv2DBackpropFilter', 'Conv2DBackpropInput']
 * ```
 */
export const BACKEND_KERNELS: Readonly<Record<BackendName, BackendKernels>> = {
  cpu: {
    adds: [adamUpdateCpu, batchNormTrainCpu, batchNormTrainGradCpu, leakyReluGradCpu],
    replaces: [{ kernelName: KERNEL_NAMES.conv2dBackpropFilter, backendName: 'cpu', replace: () => conv2dBackpropFilterCpu }],
  },
  wasm: {
    adds: [conv2dBackpropFilterWasm, adamUpdateWasm, batchNormTrainWasm, batchNormTrainGradWasm, leakyReluGradWasm],
    replaces: [
      { kernelName: KERNEL_NAMES.conv2dBackpropInput, backendName: 'wasm', replace: conv2dBackpropInputWasm },
      { kernelName: KERNEL_NAMES.conv2d, backendName: 'wasm', replace: (native) => smallConvByMatMul(explicitSamePadding(native)) },
      { kernelName: KERNEL_NAMES.fusedConv2d, backendName: 'wasm', replace: (native) => smallConvByMatMul(explicitSamePadding(native)) },
      { kernelName: KERNEL_NAMES.identity, backendName: 'wasm', replace: identityShared },
      { kernelName: KERNEL_NAMES.concat, backendName: 'wasm', replace: concatNarrowRows },
      { kernelName: KERNEL_NAMES.splitV, backendName: 'wasm', replace: splitNarrowRows },
    ],
  },
  webgl: {
    adds: [adamUpdateWebgl],
    replaces: [
      { kernelName: KERNEL_NAMES.conv2dBackpropFilter, backendName: 'webgl', replace: overWebgl(filterGradByMatMulWebgl) },
      { kernelName: KERNEL_NAMES.conv2dBackpropInput, backendName: 'webgl', replace: overWebgl(inputGradByMatMulWebgl) },
    ],
  },
  webgpu: { adds: [adamUpdateWebgpu], replaces: [] },
};

/**
 * The gradients that run the kernels this package adds (tfjs's gradient registry is global, not per
 * backend): the fused batch norm's ({@link batchNormTrainGradConfig}), and `LeakyRelu`'s and `Relu`'s
 * by the fused activation gradient ({@link leakyReluFusedGradConfig}, {@link reluFusedGradConfig};
 * tfjs-core's formula where a backend lacks the kernel). `registerExtraKernels` registers them.
 *
 * @example
 * ```ts
 * import { KERNEL_GRADIENTS } from '@pix2pix-ts/backends';
 *
 * KERNEL_GRADIENTS.map((g) => g.kernelName); // ['Pix2PixBatchNormTrain', 'LeakyRelu', 'Relu']
 * ```
 */
export const KERNEL_GRADIENTS: readonly GradConfig[] = [batchNormTrainGradConfig, leakyReluFusedGradConfig, reluFusedGradConfig];
