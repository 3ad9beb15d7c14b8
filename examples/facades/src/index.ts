/**
 * `@pix2pix-ts/example-facades`: the main example's pieces (also used by its tests).
 * @packageDocumentation
 */
export * from './facades-args';
export * from './facades-root';
export * from './run-example';
export * from './screenshot';
