import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { COMMANDS, parseCommandLine, renderCommandHelp, renderMainHelp, type CommandName } from '../src/index';

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
    expect(left(['train', '--ngf', 'abc'])).toBe('--ngf: expected a positive integer, got "abc"');
    expect(left(['train', '--ngf', '0'])).toBe('--ngf: expected a positive integer, got "0"');
    expect(left(['train', '--lr', '-1'])).toBe('--lr: expected a positive number, got "-1"');
    expect(left(['train', '--beta1', '1'])).toBe('--beta1: expected a number in [0, 1), got "1"');
    expect(left(['train', '--netG', 'unet_100'])).toMatch(/^--netG: expected unet_256\|unet_128\|resnet_9blocks\|resnet_6blocks\|unet_<N>.*, got "unet_100"$/);
    expect(left(['train', '--netD', 'huge'])).toBe('--netD: expected one of basic|n_layers|pixel, got "huge"');
    expect(left(['train', '--backend', 'tensorflow'])).toBe('--backend: expected one of cpu|wasm|webgl, got "tensorflow"');
    expect(left(['train', '--no_flip=maybe'])).toBe('--no_flip: expected a flag (no value, or true/false), got "maybe"');
    expect(left(['train', '--name', '../x'])).toBe('--name: expected a name of letters, digits, . _ -, got "../x"');
    expect(left(['eval', '--phase', 'dev'])).toBe("--phase: expected one of train|val|test, got \"dev\"");
  });

  it('refuses unknown options, missing values, repeats and stray arguments', () => {
    expect(left(['train', '--ngff', '3'])).toBe("unknown option --ngff for 'pix2pix train' (see pix2pix train --help)");
    expect(left(['train', '--ngf'])).toBe('--ngf: expected a positive integer, got no value');
    expect(left(['train', '--ngf', '--ndf', '3'])).toBe('--ngf: expected a positive integer, got no value');
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

  it('has the official option names', () => {
    const official = ['dataroot', 'direction', 'netG', 'netD', 'n_layers_D', 'ngf', 'ndf', 'norm', 'gan_mode', 'lambda_L1', 'lr', 'beta1', 'n_epochs', 'n_epochs_decay', 'load_size', 'crop_size', 'preprocess', 'no_flip', 'batch_size', 'seed', 'backend', 'name', 'runs_dir', 'print_freq', 'display_freq', 'save_epoch_freq', 'resume', 'preset', 'smoke', 'l1_only'];
    for (const o of official) expect(Object.keys(COMMANDS.train.options)).toContain(o);
    expect(renderCommandHelp('train')).toContain('--runs_dir DIR');
    expect(renderCommandHelp('train')).toContain('(also --checkpoints_dir)');
  });
});
