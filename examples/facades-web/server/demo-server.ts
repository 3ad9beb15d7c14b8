import { startStaticServer, type StaticServer } from '@pix2pix-ts/browser/node';
import * as TE from 'fp-ts/TaskEither';
import { DEFAULT_MODEL_URL, type DemoConfig } from '../src/model-choice';

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** The production build (`vite build` output). */
  readonly dist: string;
  /** A model folder (model.json + weights) served at `/model/`; none: the page uses a fresh generator. */
  readonly model?: string;
  /** Port on 127.0.0.1 (0: any free port). */
  readonly port?: number;
}

/**
 * Serves the built demo at `/`, the model at `/model/` and `/demo-config.json` (whether there is a model,
 * so the page never asks for a missing one), on 127.0.0.1 only, with the static server's containment and
 * Host checks.
 */
export function startDemoServer(options: DemoServerOptions): TE.TaskEither<Error, StaticServer> {
  const config: DemoConfig = { model: options.model === undefined ? null : DEFAULT_MODEL_URL };
  return startStaticServer({
    routes: { '/demo-config.json': { body: JSON.stringify(config), contentType: 'application/json' } },
    mounts: [{ prefix: '/', dir: options.dist }, ...(options.model === undefined ? [] : [{ prefix: '/model/', dir: options.model }])],
    port: options.port ?? 0,
  });
}
