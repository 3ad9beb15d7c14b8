import { startStaticServer, type StaticServer } from '@pix2pix-ts/browser/node';
import * as TE from 'fp-ts/TaskEither';

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** The production build (`vite build` output). */
  readonly dist: string;
  /** A model folder (model.json + weights) served at `/model/`; none: the page uses a fresh generator. */
  readonly model?: string;
  /** Port on 127.0.0.1 (0: any free port). */
  readonly port?: number;
}

/** Serves the built demo at `/` and the model at `/model/`, on 127.0.0.1 only. */
export function startDemoServer(options: DemoServerOptions): TE.TaskEither<Error, StaticServer> {
  return startStaticServer({
    mounts: [{ prefix: '/', dir: options.dist }, ...(options.model === undefined ? [] : [{ prefix: '/model/', dir: options.model }])],
    port: options.port ?? 0,
  });
}
