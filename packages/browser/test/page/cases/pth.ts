import { disposeTree, shaped } from '@pix2pix-ts/layers';
import { buildOfficialNet, describeOfficialNet, importPth } from '@pix2pix-ts/pix2pix';
import * as tf from '@tensorflow/tfjs-core';
import { gpu, maxAbsDiff, onBackend } from '../backends';
import { fetchParityCase } from '../parity-fixture';

/** One official `.pth` fixture read in the page and run on webgl: max |ours − PyTorch| in eval and train mode. */
export interface PthParity {
  readonly name: string;
  readonly format: string;
  readonly network: string;
  readonly eval: number;
  readonly train: number;
}


/** The fixtures: both containers, float16 with DataParallel's prefix, and a ResNet with old InstanceNorm keys. */
const FIXTURES = ['unet256_ngf8_batch_legacy', 'unet128_ngf8_batch_fp16_dataparallel', 'resnet9_ngf8_instance_legacy_oldkeys'] as const;

/** Reads official checkpoints with the browser build of the reader (bytes from fetch) and runs them on webgl. */
export async function pthForwardCase(): Promise<PthParity[]> {
  await onBackend(gpu());
  const rows: PthParity[] = [];
  for (const name of FIXTURES) {
    const response = await fetch(`/fixtures/pth/${name}/net.pth`);
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const imported = importPth(new Uint8Array(await response.arrayBuffer()));
    if (imported._tag === 'Left') throw new Error(`${name}: ${imported.left.message}`);
    const { spec, vars, format } = imported.right;
    const net = buildOfficialNet(spec);
    const c = await fetchParityCase(name, 'pth');
    const input = c.tensor('input');
    const errors: number[] = [];
    for (const mode of ['eval', 'train'] as const) {
      const expected = c.tensor(`output_${mode}`);
      const { y } = net.apply(vars.params, vars.state, shaped(input, [null, null, null, null]), { training: false, dropout: false, batchStats: mode === 'train' });
      errors.push(await maxAbsDiff(y, expected));
      tf.dispose([y, expected]);
    }
    rows.push({ name, format, network: describeOfficialNet(spec), eval: errors[0] ?? Number.NaN, train: errors[1] ?? Number.NaN });
    input.dispose();
    disposeTree(vars.params);
    disposeTree(vars.state);
  }
  return rows;
}
