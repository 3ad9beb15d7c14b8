import { labelMap, paintRect, type LabelMap } from './label-map';
import { classIndex } from './palette';

/**
 * A starting drawing in the style of the CMP Facades labels: a wall with a cornice, four floors of
 * windows with sills, a balcony, a shop front with a door, on the background class.
 */
export function defaultFacade(size = 256): LabelMap {
  const m = labelMap(size, size, classIndex('background'));
  const s = (v: number): number => Math.round((v * size) / 256);
  const rect = (x0: number, y0: number, x1: number, y1: number, name: Parameters<typeof classIndex>[0]): void =>
    paintRect(m, s(x0), s(y0), s(x1) - 1, s(y1) - 1, classIndex(name));
  rect(8, 12, 248, 256, 'facade');
  rect(8, 12, 248, 28, 'cornice');
  for (let floor = 0; floor < 4; floor++) {
    const top = 40 + floor * 42;
    for (let col = 0; col < 4; col++) {
      const left = 24 + col * 58;
      rect(left, top, left + 34, top + 28, 'window');
      rect(left - 3, top + 28, left + 37, top + 32, 'sill');
    }
  }
  rect(20, 150, 236, 158, 'balcony');
  rect(8, 210, 248, 256, 'shop');
  rect(112, 214, 144, 256, 'door');
  rect(8, 204, 248, 210, 'molding');
  return m;
}
