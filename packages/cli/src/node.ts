/**
 * `@pix2pix-ts/cli/node`: the `pix2pix` program and everything with effects (files, data loading, backends,
 * signals), on top of the pure core re-exported from the main entry.
 * @packageDocumentation
 */
export * from './index';
export * from './cli/cli-env';
export * from './cli/main';
export * from './cli/start-backend';
export * from './cli/must';
export * from './commands/checkpoint-dir';
export * from './commands/train';
export * from './commands/test';
export * from './commands/eval';
export * from './commands/export';
export * from './commands/named-dataroot';
export * from './commands/download';
export * from './data/open-source';
export * from './data/eval-samples';
export * from './data/data-faults';
export * from './data/check-data';
export * from './data/run-data';
export * from './eval/evaluate-split';
export * from './eval/segmenter';
export * from './eval/eval-segmenter';
export * from './image/png';
export * from './run/checkpoint-io';
export * from './run/json-file';
export * from './run/prepare-run';
export * from './run/resume-point';
export * from './train/progress-reporter';
export * from './train/trainer';
export * from './train/local-trainer';
export * from './webgl/resolve-chromium';
export * from './webgl/start-webgl';
export * from './webgl/webgl-run-trainer';
export * from './webgl/page-generator';
export * from './run/load-generator-dir';
export * from './run/official-generator';
export * from './pretrained/pretrained-names';
export * from './pretrained/fetch-pretrained';
export * from './ablate/node-exports';
