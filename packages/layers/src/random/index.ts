// Random keys live in `@pix2pix-ts/random` (no tfjs, so data workers can use them without layers);
// layers re-exports them so its public API is unchanged.
export * from '@pix2pix-ts/random';
