export * from './key';
export { threefry2x32 } from './threefry';
