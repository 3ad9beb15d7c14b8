import { importNodeBuiltin } from './import-node-builtin';

/**
 * The binaries `@tensorflow/tfjs-backend-wasm` picks from (plain, SIMD, threaded SIMD): a web app
 * serving them itself must serve these three files.
 *
 * @example
 * ```ts
 * import { WASM_BINARIES } from '@pix2pix-ts/backends';
 *
 * WASM_BINARIES.includes('tfjs-backend-wasm-simd.wasm'); // true
 * ```
 */
export const WASM_BINARIES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

/**
 * Node only: the installed `@tensorflow/tfjs-backend-wasm/dist/` directory as a file path ending
 * in a separator, the form `setWasmPaths` takes as a prefix, so the `.wasm` binaries load from
 * disk and never from the network. Resolved from this module (`createRequire(import.meta.url)`),
 * falling back to `import.meta.resolve` where `require` resolution is unavailable.
 *
 * @throws Error when the package cannot be resolved or a binary is missing from the directory
 *
 * @example
 * ```ts
 * import { wasmBinaryDir } from '@pix2pix-ts/backends';
 *
 * const dir = await wasmBinaryDir(); // '/…/node_modules/@tensorflow/tfjs-backend-wasm/dist/'
 * ```
 */
export async function wasmBinaryDir(): Promise<string> {
  const [{ createRequire }, path, { fileURLToPath }, fs] = await Promise.all([
    importNodeBuiltin('node:module'),
    importNodeBuiltin('node:path'),
    importNodeBuiltin('node:url'),
    importNodeBuiltin('node:fs'),
  ]);
  const pkg = '@tensorflow/tfjs-backend-wasm/package.json';
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve(pkg);
  } catch (requireError) {
    if (typeof import.meta.resolve !== 'function') throw requireError;
    packageJson = fileURLToPath(import.meta.resolve(pkg));
  }
  const dir = path.join(path.dirname(packageJson), 'dist') + path.sep;
  const missing = WASM_BINARIES.filter((file) => !fs.existsSync(dir + file));
  if (missing.length > 0) throw new Error(`wasm binaries missing from ${dir}: ${missing.join(', ')}`);
  return dir;
}
