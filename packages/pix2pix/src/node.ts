/**
 * Node-only entry of `@pix2pix-ts/pix2pix`: file-system checkpoints (crash-safe folders, the versioned `latest`,
 * the cleanup after a crash). Browser bundles import the main entry and use tfjs's IndexedDB or download handlers
 * instead.
 * @packageDocumentation
 */
export * from './checkpoint/file-handler';
export { COMPLETE_FILE, CompleteMarker, makeFolder, readCheckpointFolder, unsafeWeightsPath, writeCheckpointFolder } from './checkpoint/checkpoint-folder';
export * from './checkpoint/checkpoint-store';
export * from './pth/official-checkpoint-folder';
