import * as E from 'fp-ts/Either';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/node';
import { describeBackend, startBackend } from '../src/cli/start-backend';

describe('--threads (wasm: XNNPACK pool on several threads)', () => {
  it('is a runtime option of train and test, a positive integer', () => {
    const train = parseCommandLine(['train', '--dataroot', 'd', '--threads', '2']);
    expect(E.isRight(train) && train.right.command === 'train' && train.right.options.threads).toBe(2);
    const test = parseCommandLine(['test', '--dataroot', 'd', '--name', 'x', '--threads', '2']);
    expect(E.isRight(test) && test.right.command === 'test' && test.right.options.threads).toBe(2);
    expect(E.isLeft(parseCommandLine(['train', '--dataroot', 'd', '--threads', '0']))).toBe(true);
  });

  it('starts wasm on that many threads, and says so', async () => {
    const two = await startBackend('wasm', 'backends', 2)();
    if (E.isLeft(two)) throw new Error(two.left.message);
    expect(describeBackend(two.right)).toBe('wasm (SIMD, 2 threads)');
    const one = await startBackend('wasm', 'backends', 1)();
    if (E.isLeft(one)) throw new Error(one.left.message);
    expect(describeBackend(one.right)).toBe('wasm (SIMD, 1 thread)');
  });
});
