/**
 * Node-only entry of `@pix2pix-ts/pix2pix`: file-system checkpoints. Browser bundles import the main
 * entry and use tfjs's IndexedDB or download handlers instead.
 * @packageDocumentation
 */
export * from './checkpoint/file-handler';
