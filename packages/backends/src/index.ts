/**
 * `@pix2pix-ts/backends`: choose the tfjs backend (cpu, wasm, webgl, webgpu) and make it ready to train
 * with one call, `useBackend(name)`: tfjs-core's gradients with this package's fixes (`MirrorPad`,
 * `SquaredDifference` with broadcasting), and the backend's entry of the one kernel registry
 * (`BACKEND_KERNELS`: the kernels a backend lacks, the fused Adam, faster or fixed replacements).
 * Kernels live by backend in `cpu/`, `wasm/`, `webgl/`, `webgpu/`, the math they share in `shared/`.
 * @packageDocumentation
 */
export * from './backend/backend-name';
export * from './backend/backend-error';
export * from './backend/backend-info';
export * from './backend/started-backend';
export * from './select-backend';
export * from './use-backend';
export * from './registry/kernel-names';
export * from './registry/backend-kernels';
export * from './registry/install-kernels';
export * from './ops/adam-update';
export * from './ops/batch-norm-train';
export * from './gradients/batch-norm-train-grad';
export * from './gradients/activation-grads';
export * from './shared/leaky-relu-grad-math';
export * from './cpu/leaky-relu-grad-cpu';
export * from './wasm/leaky-relu-grad-wasm';
export * from './shared/batch-norm-train-math';
export * from './cpu/array-backend';
export * from './cpu/batch-norm-train-cpu';
export * from './wasm/batch-norm-train-wasm';
export * from './gradients/ensure-core-gradients';
export * from './gradients/mirror-pad-grad';
export * from './gradients/squared-difference-grad';
export * from './gradients/register-gradient-fixes';
export * from './gradients/gradients-ready';
export * from './shared/kernel-scope';
export * from './shared/conv2d-backprop-filter-attrs';
export * from './shared/conv2d-backprop-input-attrs';
export * from './shared/filter-grad-dilated';
export * from './shared/filter-grad-inputs';
export * from './shared/filter-grad-im2col';
export * from './shared/input-grad-subpixel';
export * from './shared/reverse-rows';
export * from './shared/adam-update-math';
export * from './cpu/conv2d-backprop-filter';
export * from './cpu/adam-update-cpu';
export * from './wasm/wasm-setup';
export * from './wasm/heap-backend';
export * from './wasm/conv2d-backprop-filter';
export * from './wasm/conv2d-backprop-input';
export * from './wasm/explicit-same-padding';
export * from './wasm/identity-shared';
export * from './wasm/concat-narrow';
export * from './wasm/split-narrow';
export * from './wasm/patch-limit';
export * from './wasm/conv-by-matmul';
export * from './wasm/input-grad-by-matmul';
export * from './wasm/filter-grad-by-matmul';
export * from './wasm/small-conv-by-matmul';
export * from './wasm/adam-update-wasm';
export * from './wasm/heap-kernels-binary';
export * from './wasm/heap-kernels-module';
export * from './wasm/wasm-threads';
export * from './webgl/webgl-renderer';
export * from './webgl/webgl-flags';
export * from './webgl/packing';
export * from './webgl/program-runner';
export * from './webgl/filter-grad-webgl';
export * from './webgl/input-grad-webgl';
export * from './webgl/adam-update-webgl';
export * from './webgpu/webgpu-adapter';
export * from './webgpu/webgpu-program';
export * from './webgpu/adam-update-webgpu';
export * from './node/is-node';
export * from './node/import-node-builtin';
export * from './node/wasm-binary-dir';
export * from './node/tfjs-core-esm-resolver';
