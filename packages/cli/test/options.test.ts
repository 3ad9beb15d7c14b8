import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { buildRunConfig, COMMANDS, helpDefault, parseCommandLine, PRESET_NAMES, renderCommandHelp, renderMainHelp, TRAIN_OPTIONS, type CommandName, type OptionSpec } from '../src/index';

const left = (argv: string[]): string => {
  const r = parseCommandLine(argv);
  if (E.isRight(r)) throw new Error(`expected an error for ${argv.join(' ')}`);
  expect(r.left._tag).toBe('Usage');
  return r.left.message;
};

describe('parseCommandLine', () => {
  it('decodes typed options with io-ts (values, --x=value, flags, aliases)', () => {
    const r = parseCommandLine(['train', '--dataroot', 'data/facades', '--ngf=32', '--lr', '2e-4', '--no_flip', '--netG', 'unet_128', '--checkpoints_dir', 'ck', '--eval=false']);
    expect(r).toEqual(E.right({ command: 'train', options: { dataroot: 'data/facades', ngf: 32, lr: 0.0002, no_flip: true, netG: 'unet_128', runs_dir: 'ck', eval: false } }));
  });

  it('names the option and the bad value in one line', () => {
    expect(left(['train', '--ngf', 'abc'])).toBe('--ngf: expected an integer in [1, 4096], got "abc"');
    expect(left(['train', '--ngf', '0'])).toBe('--ngf: expected an integer in [1, 4096], got "0"');
    expect(left(['train', '--lr', '-1'])).toBe('--lr: expected a number in (0, 1], got "-1"');
    expect(left(['train', '--beta1', '1'])).toBe('--beta1: expected a number in [0, 1), got "1"');
    expect(left(['train', '--netG', 'unet_100'])).toMatch(/^--netG: expected unet_256\|unet_128\|resnet_9blocks\|resnet_6blocks\|unet_<N>.*, got "unet_100"$/);
    expect(left(['train', '--netD', 'huge'])).toBe('--netD: expected one of basic|n_layers|pixel, got "huge"');
    expect(left(['train', '--backend', 'tensorflow'])).toBe('--backend: expected one of cpu|wasm|webgl|webgpu, got "tensorflow"');
    expect(left(['train', '--no_flip=maybe'])).toBe('--no_flip: expected a flag (no value, or true/false), got "maybe"');
    expect(left(['train', '--name', '../x'])).toBe('--name: expected a name of letters, digits, . _ -, got "../x"');
    expect(left(['eval', '--phase', 'dev'])).toBe("--phase: expected one of train|val|test, got \"dev\"");
  });

  it('bounds every numeric option, naming the official option (issue 16: no "Invalid typed array length")', () => {
    expect(left(['train', '--ngf', '99999999999'])).toBe('--ngf: expected an integer in [1, 4096], got "99999999999"');
    expect(left(['train', '--ndf', '5000'])).toBe('--ndf: expected an integer in [1, 4096], got "5000"');
    expect(left(['train', '--batch_size', '100000'])).toBe('--batch_size: expected an integer in [1, 65536], got "100000"');
    expect(left(['train', '--crop_size', '100000'])).toBe('--crop_size: expected an integer in [1, 8192], got "100000"');
    expect(left(['train', '--load_size', '1e9'])).toBe('--load_size: expected an integer in [1, 8192], got "1e9"');
    expect(left(['train', '--n_epochs', '1000000'])).toBe('--n_epochs: expected an integer in [0, 100000], got "1000000"');
    expect(left(['train', '--lr', '5'])).toBe('--lr: expected a number in (0, 1], got "5"');
    expect(left(['train', '--lambda_L1', '1e300'])).toBe('--lambda_L1: expected a number in [0, 10000], got "1e300"');
    expect(left(['train', '--time_limit', 'Infinity'])).toBe('--time_limit: expected a number of minutes in (0, 525600], got "Infinity"');
    expect(left(['train', '--init_gain', '0'])).toBe('--init_gain: expected a number in (0, 10], got "0"');
    expect(left(['train', '--seed', '-1'])).toBe('--seed: expected an integer in [0, 2147483647], got "-1"');
    // Every numeric option of every command refuses a huge value with its own name, never an internal one.
    for (const [command, c] of Object.entries(COMMANDS)) {
      for (const [name, spec] of Object.entries(c.options)) {
        if (!/integer|number/.test(spec.codec.name)) continue;
        const r = parseCommandLine([command, `--${name}`, '1e400']);
        expect(E.isLeft(r), `${command} --${name} 1e400`).toBe(true);
        if (E.isLeft(r)) expect(r.left.message.startsWith(`--${name}: expected `)).toBe(true);
      }
    }
  });

  it('refuses unknown options, missing values, repeats and stray arguments', () => {
    expect(left(['train', '--ngff', '3'])).toBe("unknown option --ngff for 'pix2pix train' (see pix2pix train --help)");
    expect(left(['train', '--ngf'])).toBe('--ngf: expected an integer in [1, 4096], got no value');
    expect(left(['train', '--ngf', '--ndf', '3'])).toBe('--ngf: expected an integer in [1, 4096], got no value');
    expect(left(['train', '--ngf', '8', '--ngf', '16'])).toBe('--ngf: given more than once');
    expect(left(['train', 'facades'])).toMatch(/^unexpected argument "facades"/);
    expect(left(['fit'])).toMatch(/^unknown command "fit"/);
    expect(left(['export', '--ngf', '8'])).toMatch(/^unknown option --ngf for 'pix2pix export'/);
  });

  it('routes --help, help <command> and --version', () => {
    expect(parseCommandLine([])).toEqual(E.right({ command: 'help' }));
    expect(parseCommandLine(['--help'])).toEqual(E.right({ command: 'help' }));
    expect(parseCommandLine(['help', 'eval'])).toEqual(E.right({ command: 'help', topic: 'eval' }));
    expect(parseCommandLine(['train', '--ngf', 'abc', '--help'])).toEqual(E.right({ command: 'help', topic: 'train' }));
    expect(parseCommandLine(['--version'])).toEqual(E.right({ command: 'version' }));
  });
});

describe('help', () => {
  it('documents every option of every command', () => {
    for (const name of Object.keys(COMMANDS) as CommandName[]) {
      const help = renderCommandHelp(name);
      for (const option of Object.keys(COMMANDS[name].options)) expect(help).toContain(`--${option}`);
      expect(help).toContain(`pix2pix ${name}`);
    }
    expect(renderMainHelp()).toMatch(/train[\s\S]*test[\s\S]*eval[\s\S]*export/);
  });

  it('shows the defaults in force, read from every preset (issue 16 item 9)', () => {
    const help = renderCommandHelp('train');
    const line = (option: string): string => {
      const at = help.indexOf(`  --${option} `);
      const next = help.indexOf('\n  --', at + 1);
      return help.slice(at, next < 0 ? undefined : next).replace(/\s+/g, ' ');
    };
    expect(line('n_epochs')).toContain('(default: 16; paper: 100, smoke: 1)');
    expect(line('n_epochs_decay')).toContain('(default: 16; paper: 100, smoke: 1)');
    expect(line('save_epoch_freq')).toContain('(default: 2; paper: 5, smoke: 1)');
    expect(line('max_dataset_size')).toContain('(default: all; smoke: 8)');
    expect(line('num_threads')).toContain('(default: 1; smoke: 0)');
    expect(line('netG')).toContain('(default: unet_64; paper: unet_256, smoke: unet_32)');
    expect(line('init_type')).toContain('(default: normal)');
    // eval and test read the checkpoint's run's settings, not a preset's.
    expect(renderCommandHelp('test')).toMatch(/--seed N\s+root of every random draw[^\n]*\n?[^-]*default: the checkpoint's run's/);
  });

  it('every default shown for train is the one buildRunConfig puts in force, for every preset', () => {
    for (const preset of PRESET_NAMES) {
      const built = buildRunConfig({ preset, dataroot: 'd' });
      if (E.isLeft(built)) throw new Error(built.left.message);
      for (const [name, spec] of Object.entries(TRAIN_OPTIONS)) {
        const inConfig: OptionSpec['inConfig'] = spec.inConfig;
        if (inConfig === undefined) continue;
        const shown = helpDefault(spec) ?? 'false';
        const forPreset = preset === 'default' ? shown.split(';')[0] : (new RegExp(`${preset}: ([^,]+)`).exec(shown)?.[1] ?? shown.split(';')[0]);
        expect(inConfig(built.right), `--${name} with --preset ${preset}`).toBe(forPreset);
      }
    }
  });

  it('has the official option names', () => {
    const official = ['dataroot', 'direction', 'netG', 'netD', 'n_layers_D', 'ngf', 'ndf', 'norm', 'gan_mode', 'lambda_L1', 'lr', 'beta1', 'n_epochs', 'n_epochs_decay', 'load_size', 'crop_size', 'preprocess', 'no_flip', 'batch_size', 'seed', 'backend', 'name', 'runs_dir', 'print_freq', 'display_freq', 'save_epoch_freq', 'resume', 'preset', 'smoke', 'l1_only'];
    for (const o of official) expect(Object.keys(COMMANDS.train.options)).toContain(o);
    expect(renderCommandHelp('train')).toContain('--runs_dir DIR');
    expect(renderCommandHelp('train')).toContain('(also --checkpoints_dir)');
  });
});
