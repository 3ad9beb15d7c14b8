import type { RunConfig } from '../config/run-config';

/** The part of a configuration that makes two runs the same experiment (not the run's name, folder or print frequencies). */
const experimentOf = (c: RunConfig): unknown => ({ data: c.data, model: c.model, objective: { ...c.objective, lr: undefined }, seed: c.run.seed, test: c.test });

/**
 * Whether two configurations train the same experiment: the same data, networks, objective, schedule, seed and
 * test time (a learning rate lowered on `--resume` after a divergence still counts as the same). Pure.
 *
 * @example
 * ```ts
 * import { sameExperiment, type RunConfig } from '@pix2pix-ts/cli';
 * const renamed = (a: RunConfig): boolean => sameExperiment(a, { ...a, run: { ...a.run, name: 'other' } }); // always true
 * ```
 */
export const sameExperiment = (a: RunConfig, b: RunConfig): boolean => JSON.stringify(experimentOf(a)) === JSON.stringify(experimentOf(b));
