export * from './segmentation-net';
export * from './pixel-cross-entropy';
export * from './segmenter-train';
export * from './decode-label-colours';
export * from './segmentation-scores';
