/**
 * `@pix2pix-ts/cli`: the pure core of the `pix2pix` command line, browser-safe: option tables and parsing (io-ts),
 * run configurations and presets, metrics (L1, PSNR, SSIM), loss history, progress formatting, the HTML report
 * and the exported-generator format. The program itself (files, data, signals) is in `@pix2pix-ts/cli/node`.
 * @packageDocumentation
 */
export * from './cli/cli-error';
export * from './options/string-codecs';
export * from './options/option-spec';
export * from './options/command-options';
export * from './options/parse-command-line';
export * from './options/render-help';
export * from './options/official-codecs';
export * from './options/official-options';
export * from './config/net-names';
export * from './config/run-config';
export * from './config/presets';
export * from './config/build-config';
export * from './config/ablation-options';
export * from './config/network-cost';
export * from './config/fit-check';
export * from './eval/rgb';
export * from './eval/l1';
export * from './eval/psnr';
export * from './eval/ssim';
export * from './eval/image-metrics';
export * from './eval/format-metrics';
export * from './eval/generate';
export * from './eval/lab-histograms';
export * from './eval/fcn-score';
export * from './eval/evaluate-realism';
export * from './eval/format-realism';
export * from './eval/label-map-check';
export * from './image/tile-grid';
export * from './run/run-layout';
export * from './run/run-info';
export * from './train/schedule';
export * from './train/loss-history';
export * from './train/loss-number';
export * from './train/divergence';
export * from './run/run-backend';
export * from './train/d-dominance';
export * from './train/progress-format';
export * from './report/escape-html';
export * from './report/nice-ticks';
export * from './report/svg-line-chart';
export * from './report/report-style';
export * from './report/render-report';
export * from './report/photo-task';
export * from './data/photo-mode';
export * from './report/sample-sheet';
export * from './report/embed-sheets';
export * from './report/write-report';
export * from './export/generator-export';
export * from './ablate/exports';
