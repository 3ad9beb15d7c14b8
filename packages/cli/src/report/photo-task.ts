import type { DatasetMode } from '@pix2pix-ts/datasets';

const TASKS = {
  colorization: { what: 'colorization: gray → colour (L → ab in Lab)', input: 'gray L (input)', target: 'colour (target)' },
  edges: { what: 'edges → photo (Canny edges)', input: 'edges (input)', target: 'photo (target)' },
  inpaint: { what: 'inpainting (a grey rectangle filled in)', input: 'masked photo (input)', target: 'photo (target)' },
} as const;

/**
 * The report's words for a photo mode's task: its title (with the photos it is made from) and its sample rows.
 *
 * @example
 * ```ts
 * import { describePhotoTask } from '@pix2pix-ts/cli';
 * describePhotoTask({ name: 'edges', photoSide: 'A' }, 'facades').title; // 'facades (photos: the A halves): edges → photo (Canny edges)'
 * ```
 */
export const describePhotoTask = (mode: DatasetMode, dataName: string): { readonly title: string; readonly input: string; readonly target: string } => {
  const t = TASKS[mode.name];
  return { title: `${dataName}${mode.photoSide === 'whole' ? '' : ` (photos: the ${mode.photoSide} halves)`}: ${t.what}`, input: t.input, target: t.target };
};
