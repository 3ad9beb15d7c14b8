import { describe, expect, it, vi } from 'vitest';

describe('README examples run', () => {
  it('examples/custom-unet.ts composes a 4-level U-Net and runs it forward', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await import('../examples/custom-unet');
    expect(log).toHaveBeenCalledWith([1, 64, 64, 3], [1, 64, 64, 3]);
    log.mockRestore();
  });
});
