// Random keys live in `@pix2pix-ts/random` (no tfjs, so data workers can use them without layers);
// layers re-exports them so its public API is unchanged. Named, not `export *`: esbuild turns a star re-export
// of an external package into a run-time copy that plain Node's ESM linker cannot see, so
// `import { key } from '@pix2pix-ts/layers'` failed against the built package (test/random-reexports.test.ts
// keeps this list complete).
export {
  foldIn,
  key,
  keyFromWords,
  permutation,
  randomInt,
  randomUint32,
  seedOf,
  split,
  threefry2x32,
  uniform,
  type Key,
  type Keys,
} from '@pix2pix-ts/random';
