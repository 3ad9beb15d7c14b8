import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_ID,
  DEFAULT_BUDGET,
  SMOKE_BUDGET,
  STUDY_CHOICES,
  ablationTables,
  budgetOf,
  compareSentence,
  COMPARISONS,
  planStudy,
  runStates,
  statOf,
  studyMismatch,
  type RunInfo,
  type StudyRecord,
  type StudySetup,
  type VariantEval,
} from '../src/node';

const setup = (over: Partial<StudySetup> = {}): StudySetup => ({ study: 'all', budget: DEFAULT_BUDGET, dataroot: '/data/facades', direction: 'BtoA', runsDir: '/s/runs', ...over });

describe('planning a study', () => {
  it('the loss study: the baseline first, every objective once, then the baseline again for the seed spread', () => {
    const plan = planStudy(setup({ study: 'loss' }));
    expect(plan.runs.map((r) => r.runName)).toEqual(['l1_cgan-s0', 'l1-s0', 'cgan-s0', 'l1_gan-s0', 'l1_cgan-s1']);
    const config = (name: string) => plan.runs.find((r) => r.runName === name)?.config;
    expect(config('l1-s0')?.objective.ganMode).toBe('none');
    expect(config('cgan-s0')?.objective.lambdaL1).toBe(0);
    expect(config('l1_gan-s0')?.model.netDInput).toBe('unconditional');
    expect(config('l1_cgan-s0')?.model.netDInput ?? 'conditional').toBe('conditional');
    // One budget for every variant: same data, schedule and size.
    for (const r of plan.runs) {
      expect(r.config.objective.nEpochs).toBe(DEFAULT_BUDGET.nEpochs);
      expect(r.config.objective.nEpochsDecay).toBe(DEFAULT_BUDGET.nEpochsDecay);
      expect(r.config.data.cropSize).toBe(64);
      expect(r.config.data.dataroot).toBe('/data/facades');
      expect(r.config.run.runsDir).toBe('/s/runs');
    }
    expect(config('l1_cgan-s1')?.run.seed).toBe(1);
  });

  it('the generator study trains the U-Net without skips at the same depth', () => {
    const plan = planStudy(setup({ study: 'generator' }));
    expect(plan.runs.map((r) => r.runName)).toEqual(['l1_cgan-s0', 'l1-s0', 'ed_l1_cgan-s0', 'ed_l1-s0', 'l1_cgan-s1']);
    expect(plan.runs.find((r) => r.runName === 'ed_l1-s0')?.config.model.netG).toBe('encoder_decoder_64');
    expect(plan.runs.find((r) => r.runName === 'ed_l1-s0')?.config.objective.ganMode).toBe('none');
  });

  it('all: shared variants once; at 64x64 the 286x286 D is skipped with the reason and the image GAN is the 70x70 one', () => {
    const plan = planStudy(setup());
    const names = plan.runs.map((r) => r.runName);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.startsWith(`${BASELINE_ID}-`))).toEqual(['l1_cgan-s0', 'l1_cgan-s1']);
    expect(plan.skipped.map((s) => s.variant.id)).toEqual(['patch_286']);
    expect(plan.skipped[0]?.reason).toMatch(/--crop_size 64.*no patch|no patch of a 64x64 image/);
    expect(plan.aliases.map((a) => [a.variant.id, a.sameAs])).toEqual([['patch_image', 'patch_70']]);
    expect(plan.runs.find((r) => r.runName === 'patch_1-s0')?.config.model.netD).toBe('pixel');
  });

  it('any budget: repeats come after every variant has run once, the baseline gets the most seeds, names are unique (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STUDY_CHOICES), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), (study, seeds, extra) => {
        const budget = { ...SMOKE_BUDGET, seeds, baselineSeeds: Math.max(seeds, extra) };
        const plan = planStudy(setup({ study, budget, dataroot: null }));
        const names = plan.runs.map((r) => r.runName);
        expect(new Set(names).size).toBe(names.length);
        const trained = new Set(plan.runs.map((r) => r.variant.id));
        const firstRound = plan.runs.slice(0, trained.size);
        expect(new Set(firstRound.map((r) => r.variant.id))).toEqual(trained);
        expect(firstRound.every((r) => r.seed === 0)).toBe(true);
        for (const id of trained) expect(plan.runs.filter((r) => r.variant.id === id).length).toBe(id === BASELINE_ID ? budget.baselineSeeds : seeds);
        // Every variant of the tables is trained, aliased or skipped: none is lost.
        expect(plan.variants.every((v) => trained.has(v.id) || plan.aliases.some((a) => a.variant.id === v.id) || plan.skipped.some((s) => s.variant.id === v.id))).toBe(true);
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('the options make the budget: the preset, then what is given; the baseline never has fewer seeds than the rest', () => {
    expect(budgetOf({})).toEqual(DEFAULT_BUDGET);
    expect(budgetOf({ preset: 'smoke', n_epochs: 3 })).toEqual({ ...SMOKE_BUDGET, nEpochs: 3 });
    expect(budgetOf({ seeds: 3 }).baselineSeeds).toBe(3);
  });
});

describe('resuming a study', () => {
  const record: StudyRecord = { format: 'pix2pix-ts/ablation-study', study: 'loss', budget: DEFAULT_BUDGET, dataroot: 'd', direction: 'BtoA', startedAt: '' };
  it('a study folder resumes only with the same study, data and budget', () => {
    expect(studyMismatch(record, { ...record, startedAt: 'later' })).toBeUndefined();
    expect(studyMismatch(record, { ...record, study: 'all' })).toBe('it holds --study loss, not all');
    expect(studyMismatch(record, { ...record, budget: { ...DEFAULT_BUDGET, nEpochs: 9 } })).toBe('its budget has nEpochs 3, not 9');
  });

  const plan = planStudy(setup({ study: 'loss' }));
  const runOf = (name: string) => {
    const r = plan.runs.find((x) => x.runName === name);
    if (r === undefined) throw new Error(name);
    return r;
  };
  const info = (status: RunInfo['status'], step: number, metrics: boolean): RunInfo => ({
    format: 'pix2pix-ts/run', status, startedAt: '', updatedAt: '', step, totalSteps: 2000, batchesPerEpoch: 400, trainPairs: 400, segments: [], savePoints: [], dWarningSteps: 0, timeLimitHit: false, evalSeconds: 0,
    metrics: metrics ? { final: { phase: 'test', images: 1, l1: 0.1, psnr: 10, ssim: 0.1, testTime: '', step, epoch: 5 }, init: null } : null, sampleIds: [],
  });
  it('finished runs are kept, stopped ones resume from the furthest folder, the rest are new', () => {
    const found = [
      { dir: 'a', config: runOf('l1_cgan-s0').config, info: info('complete', 2000, true) },
      { dir: 'b1', config: runOf('l1-s0').config, info: info('interrupted', 300, false) },
      { dir: 'b2', config: runOf('l1-s0').config, info: info('running', 700, false) },
    ];
    const result = runStates(plan.runs, found);
    if ('error' in result) throw new Error(result.error);
    expect(result.states.get('l1_cgan-s0')).toMatchObject({ kind: 'complete', dir: 'a' });
    expect(result.states.get('l1-s0')).toEqual({ kind: 'partial', dir: 'b2', step: 700, totalSteps: 2000 });
    expect(result.states.get('cgan-s0')).toEqual({ kind: 'new' });
  });
  it('a folder of the same name trained with another configuration is refused, never mixed into the table', () => {
    const other = { ...runOf('l1-s0').config, objective: { ...runOf('l1-s0').config.objective, nEpochs: 7 } };
    const result = runStates(plan.runs, [{ dir: 'x', config: other, info: info('complete', 2000, true) }]);
    expect(result).toEqual({ error: expect.stringMatching(/^x: trained l1-s0 with another configuration/) });
  });
});

describe('the numbers of the tables', () => {
  it('mean and sample standard deviation; one seed has no spread', () => {
    expect(statOf([0.1])).toEqual({ mean: 0.1, sd: null, n: 1 });
    const s = statOf([1, 3]);
    expect(s.mean).toBe(2);
    expect(s.sd).toBeCloseTo(Math.SQRT2, 12);
  });

  const hist = { l: [1, 1], a: [1, 1], b: [1, 1] };
  const evalOf = (variant: string, seed: number, l1: number, a: number): VariantEval => ({
    format: 'pix2pix-ts/ablation-eval', runName: `${variant}-s${seed}`, variant, seed, runDir: '', step: 10, images: 4, l1, psnr: 20 - 10 * l1, ssim: 0.3,
    generated: hist, real: hist, intersection: { l: 0.8, a, b: 0.8 }, trainSeconds: 10, steps: 10,
  });
  it('the sentence of a comparison says who wins, whether it stands out of the seed spread, and the paper\'s direction', () => {
    const plan = planStudy(setup({ study: 'loss' }));
    const evals = [evalOf('l1_cgan', 0, 0.16, 0.8), evalOf('l1_cgan', 1, 0.162, 0.79), evalOf('l1', 0, 0.15, 0.6)];
    const [table] = ablationTables('loss', plan, evals);
    if (table === undefined) throw new Error('no table');
    expect(table.rows.map((r) => [r.label, r.status])).toEqual([['L1', 'done'], ['cGAN', 'pending'], ['L1+GAN', 'pending'], ['L1+cGAN', 'done']]);
    expect(table.rows[3]?.metrics?.l1.n).toBe(2);
    const comparison = COMPARISONS.find((c) => c.a === 'l1');
    if (comparison === undefined) throw new Error('no comparison');
    const s = compareSentence(comparison, table, table.rows);
    expect(s).toMatch(/^L1 vs L1\+cGAN: L1 0\.150 vs 0\.161/);
    expect(s).toMatch(/L1 is closer per pixel \(beyond the seed-to-seed spread\)/);
    expect(s).toMatch(/L1\+cGAN matches the real photos' colours better \(beyond the seed-to-seed spread\)/);
    expect(s).toMatch(/the direction agrees\.$/);
    expect(compareSentence(COMPARISONS[1] ?? comparison, table, table.rows)).toBeUndefined(); // cGAN not evaluated yet
  });
});
