import type { LabelMap } from './label-map';

/**
 * The paint-bucket tool: recolours the 4-connected region of the class under (x, y) with `cls`,
 * in place (a scanline fill, no recursion). Returns how many pixels changed.
 */
export function floodFill(m: LabelMap, x: number, y: number, cls: number): number {
  const { width, height, data } = m;
  if (x < 0 || y < 0 || x >= width || y >= height) return 0;
  const target = data[y * width + x];
  if (target === undefined || target === cls) return 0;
  let changed = 0;
  const stack: number[] = [x, y];
  while (stack.length > 0) {
    const py = stack.pop() ?? 0;
    let px = stack.pop() ?? 0;
    while (px > 0 && data[py * width + px - 1] === target) px--;
    let spanUp = false;
    let spanDown = false;
    for (; px < width && data[py * width + px] === target; px++) {
      data[py * width + px] = cls;
      changed++;
      const up = py > 0 && data[(py - 1) * width + px] === target;
      if (up && !spanUp) stack.push(px, py - 1);
      spanUp = up;
      const down = py < height - 1 && data[(py + 1) * width + px] === target;
      if (down && !spanDown) stack.push(px, py + 1);
      spanDown = down;
    }
  }
  return changed;
}
