/** The effects of `pix2pix ablate`: reading run folders, training and evaluating variants, running a study. */
export * from './study-runs';
export * from './train-variant';
export * from './evaluate-variant';
export * from './run-study';
export * from '../commands/ablate';
