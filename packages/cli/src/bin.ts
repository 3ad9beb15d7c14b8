/**
 * The `pix2pix` executable's body: runs {@link main} on the process's arguments and exits with its code.
 * @packageDocumentation
 */
import { main } from './cli/main';

const code = await main(process.argv.slice(2));
// Decode workers and wasm threads are unref'd, but exit explicitly so nothing keeps a finished CLI alive.
process.exit(code);
