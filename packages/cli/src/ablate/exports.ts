/** The pure parts of `pix2pix ablate` (browser-safe): variants, budgets, planning, tables, sentences, the report. */
export * from './variants';
export * from './study-budget';
export * from './plan-study';
export * from './same-experiment';
export * from './study-layout';
export * from './study-record';
export * from './paper-results';
export * from './variant-eval';
export * from './ablation-table';
export * from './comparisons';
export * from './render-ablation-report';
export * from './prefixed-output';
export * from './ablate-options';
