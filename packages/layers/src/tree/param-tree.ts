// Param trees live in `@pix2pix-ts/shape-types` (tensors without gradients); layers re-exports them so its
// public API is unchanged and its modules keep one import path.
export {
  countParams,
  disposeTree,
  flattenTree,
  fromLeaves,
  leaves,
  mapTree,
  tidyTree,
  unflattenTree,
  zipWithTree,
  type ParamTree,
} from '@pix2pix-ts/shape-types';
