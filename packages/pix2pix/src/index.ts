/**
 * `@pix2pix-ts/pix2pix`: the paper's models, objective and training step on shape-typed layers.
 * @packageDocumentation
 */
export * from './generators/norm';
export * from './generators/unet';
export * from './generators/resnet';
export * from './generators/encoder-decoder';
export * from './discriminators/patch-gan';
export * from './discriminators/discriminator-input';
export * from './discriminators/patch-size';
export * from './losses/gan-loss';
export * from './losses/objective-variant';
export * from './spec/net-g-name';
export * from './spec/model-spec';
export * from './spec/objective-spec';
export * from './spec/build-nets';
export * from './optim/adam';
export * from './optim/fused-adam';
export * from './optim/lr-policy';
export * from './train/train-state';
export * from './train/train-step';
export * from './checkpoint/checkpoint';
export * from './checkpoint/non-finite';
export * from './inference/translate';
export * from './segmentation/index';
export * from './pth/pth-error';
export * from './pth/dtype';
export * from './pth/state-dict';
export * from './pth/read-pth';
export * from './pth/write-pth';
export * from './pth/official-net';
export * from './pth/official-layout';
export * from './pth/official-state-dict';
export * from './pth/official-mapping';
export * from './pth/import-pth';
