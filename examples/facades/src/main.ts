/**
 * `npm run example:facades`: pix2pix labels → photo on CMP Facades, trained, evaluated and reported.
 * Options after `--` go to `pix2pix train` (e.g. `npm run example:facades -- --smoke`).
 * @packageDocumentation
 */
import { runFacadesExample } from './run-example';

process.exit(await runFacadesExample(process.argv.slice(2)));
