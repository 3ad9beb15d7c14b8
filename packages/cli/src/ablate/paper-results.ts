/**
 * The paper's numbers for its ablations (Isola et al. 2017, Cityscapes labels → photo, 256x256): the
 * FCN-scores of Tables 1-3 (per-pixel accuracy, per-class accuracy, class IoU) and the Lab colour-histogram
 * intersections of Table 7 where it gives them. They are the direction each effect is read against; this
 * project's Facades numbers are not expected to match them in size.
 */
export interface PaperResult {
  readonly fcn: { readonly pixelAcc: number; readonly classAcc: number; readonly iou: number };
  readonly histogram?: { readonly l: number; readonly a: number; readonly b: number };
}

/** By variant id (a patch-size row by its field: `patch_1`, `patch_16`, `patch_70`, `patch_286`). */
export const PAPER_RESULTS: Readonly<Record<string, PaperResult>> = {
  l1: { fcn: { pixelAcc: 0.42, classAcc: 0.15, iou: 0.11 }, histogram: { l: 0.81, a: 0.69, b: 0.7 } },
  cgan: { fcn: { pixelAcc: 0.57, classAcc: 0.22, iou: 0.16 }, histogram: { l: 0.87, a: 0.74, b: 0.84 } },
  l1_gan: { fcn: { pixelAcc: 0.64, classAcc: 0.2, iou: 0.15 } },
  l1_cgan: { fcn: { pixelAcc: 0.66, classAcc: 0.23, iou: 0.17 }, histogram: { l: 0.86, a: 0.84, b: 0.82 } },
  ed_l1: { fcn: { pixelAcc: 0.35, classAcc: 0.12, iou: 0.08 } },
  ed_l1_cgan: { fcn: { pixelAcc: 0.29, classAcc: 0.09, iou: 0.05 } },
  unet_l1: { fcn: { pixelAcc: 0.48, classAcc: 0.18, iou: 0.13 } },
  unet_l1_cgan: { fcn: { pixelAcc: 0.55, classAcc: 0.2, iou: 0.14 } },
  patch_1: { fcn: { pixelAcc: 0.39, classAcc: 0.15, iou: 0.1 }, histogram: { l: 0.83, a: 0.68, b: 0.78 } },
  patch_16: { fcn: { pixelAcc: 0.65, classAcc: 0.21, iou: 0.17 } },
  patch_70: { fcn: { pixelAcc: 0.66, classAcc: 0.23, iou: 0.17 } },
  patch_286: { fcn: { pixelAcc: 0.42, classAcc: 0.16, iou: 0.11 } },
  real: { fcn: { pixelAcc: 0.8, classAcc: 0.26, iou: 0.21 } },
};
