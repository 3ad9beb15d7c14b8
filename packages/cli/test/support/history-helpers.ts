import type { StepMetrics } from '@pix2pix-ts/pix2pix';
export { emptyHistory, LossHistory, recordStep } from '../../src/index';
/** The step metrics the history records. */
export type StepMetricsLike = StepMetrics;
