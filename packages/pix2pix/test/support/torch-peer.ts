import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { officialName, type OfficialNet } from '../../src/index';

const PYTHON = '/usr/bin/python3';

/**
 * Whether PyTorch is importable by the system Python (Debian's python3-torch). Undefined when it is, else
 * the reason to print when skipping.
 */
export function torchMissing(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `PyTorch not importable by ${PYTHON} (${(r.stderr ?? '').trim().split('\n').pop() ?? ''}; apt-get install python3-torch)`;
}

/** The official_nets.py options naming a spec. */
function netArgs(spec: OfficialNet): string[] {
  const args = ['--net', officialName(spec), '--input_nc', String(spec.inputNc), '--norm', spec.norm];
  switch (spec.net) {
    case 'unet':
    case 'resnet':
      return [...args, '--output_nc', String(spec.outputNc), '--ngf', String(spec.ngf), ...(spec.dropout ? [] : ['--no_dropout'])];
    case 'n_layers':
      return [...args, '--ndf', String(spec.ndf), '--n_layers_D', String(spec.nLayers)];
    case 'pixel':
      return [...args, '--ndf', String(spec.ndf)];
  }
}

/**
 * Runs the official modules (`shared/tools/official_nets.py`, strict=True) on a `.pth` file and an NCHW
 * float32 input; returns the output values, or throws with the tool's one-line reason.
 */
export function runOfficial(shared: string, dir: string, pth: string, spec: OfficialNet, input: Float32Array, shape: readonly number[], mode: 'eval' | 'train'): Float32Array {
  const x = join(dir, 'input.f32');
  const y = join(dir, `output-${mode}.f32`);
  writeFileSync(x, input);
  const r = spawnSync(
    PYTHON,
    [join(shared, 'tools', 'official_nets.py'), '--pth', pth, ...netArgs(spec), '--mode', mode, '--input', x, '--shape', shape.join(','), '--output', y],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`official_nets.py failed (${r.status}): ${r.stderr}`);
  const bytes = readFileSync(y);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
