/**
 * `@pix2pix-ts/backends`: choose the tfjs backend (cpu, wasm, webgl, webgpu) and make it ready to train,
 * adding the kernels a backend lacks (wasm's `Conv2DBackpropFilter`), replacing slow ones (wasm's
 * `Conv2DBackpropInput`) and fixing the gradients
 * tfjs-core gets wrong (`MirrorPad`, `SquaredDifference` with broadcasting).
 * @packageDocumentation
 */
export * from './backend/backend-name';
export * from './backend/backend-error';
export * from './backend/backend-info';
export * from './backend/wasm-setup';
export * from './backend/webgl-renderer';
export * from './webgpu/webgpu-adapter';
export * from './webgpu/webgpu-program';
export * from './webgpu/adam-update-webgpu';
export * from './select-backend';
export * from './use-backend';
export * from './gradients/ensure-core-gradients';
export * from './gradients/mirror-pad-grad';
export * from './gradients/squared-difference-grad';
export * from './gradients/register-gradient-fixes';
export * from './kernels/kernel-scope';
export * from './kernels/conv2d-backprop-filter-attrs';
export * from './kernels/filter-grad-dilated';
export * from './kernels/filter-grad-inputs';
export * from './kernels/filter-grad-im2col';
export * from './kernels/conv2d-backprop-input-attrs';
export * from './kernels/input-grad-subpixel';
export * from './kernels/input-grad-by-matmul';
export * from './kernels/filter-grad-by-matmul';
export * from './kernels/reverse-rows';
export * from './kernels/wasm/heap-backend';
export * from './kernels/cpu/conv2d-backprop-filter';
export * from './kernels/wasm/conv2d-backprop-filter';
export * from './kernels/wasm/conv2d-backprop-input';
export * from './kernels/wasm/explicit-same-padding';
export * from './kernels/wasm/identity-shared';
export * from './kernels/wasm/concat-narrow';
export * from './kernels/wasm/split-narrow';
export * from './kernels/wasm/patch-limit';
export * from './kernels/conv-by-matmul';
export * from './kernels/wasm/small-conv-by-matmul';
export * from './kernels/adam/adam-update-math';
export * from './kernels/adam/adam-update-kernels';
export * from './kernels/wasm/heap-kernels-binary';
export * from './kernels/wasm/heap-kernels-module';
export * from './kernels/wasm/wasm-threads';
export * from './kernels/extra-kernels';
export * from './kernels/kernel-replacements';
export * from './node/is-node';
export * from './node/import-node-builtin';
export * from './node/wasm-binary-dir';
export * from './node/tfjs-core-esm-resolver';
