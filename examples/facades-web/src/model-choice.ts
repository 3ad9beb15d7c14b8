import * as E from 'fp-ts/Either';
import * as t from 'io-ts';

/** What the demo server says about its model (`/demo-config.json`): its URL, or `null` without `--model`. */
export const DemoConfig = t.type({ model: t.union([t.string, t.null]) });
/** See {@link DemoConfig}. */
export type DemoConfig = t.TypeOf<typeof DemoConfig>;

/** The model to load at start: a URL, or none (the page then says so and uses a fresh generator). */
export type ModelChoice = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'none' };

/** Where the page looks for a model when no server says (the vite dev server): the `/model/` mount's. */
export const DEFAULT_MODEL_URL = './model/model.json';

/**
 * The model to load, by precedence: `?model=<url>`; else what the demo server's `/demo-config.json`
 * says (so a server without a model causes no 404); else, with no such file, {@link DEFAULT_MODEL_URL}.
 */
export async function chooseModel(search: string, fetchJson: (url: string) => Promise<unknown> = fetchJsonOrUndefined): Promise<ModelChoice> {
  const asked = new URLSearchParams(search).get('model');
  if (asked !== null && asked !== '') return { kind: 'url', url: asked };
  const config = DemoConfig.decode(await fetchJson('./demo-config.json'));
  if (E.isLeft(config)) return { kind: 'url', url: DEFAULT_MODEL_URL };
  return config.right.model === null ? { kind: 'none' } : { kind: 'url', url: config.right.model };
}

async function fetchJsonOrUndefined(url: string): Promise<unknown> {
  const response = await fetch(url, { cache: 'no-store' }).catch(() => undefined);
  if (response === undefined || !response.ok) return undefined;
  return response.json().catch(() => undefined);
}
