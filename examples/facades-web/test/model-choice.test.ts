import { describe, expect, it } from 'vitest';
import { chooseModel, DEFAULT_MODEL_URL } from '../src/model-choice';

describe('chooseModel', () => {
  const answer = (json: unknown) => (): Promise<unknown> => Promise.resolve(json);

  it('?model= wins over what the server says', async () => {
    expect(await chooseModel('?model=/x/model.json', answer({ model: null }))).toEqual({ kind: 'url', url: '/x/model.json' });
  });

  it('a server without a model: none (the page asks for no missing file)', async () => {
    expect(await chooseModel('', answer({ model: null }))).toEqual({ kind: 'none' });
  });

  it("the server's model URL, else (no demo-config.json, e.g. vite dev) the /model/ mount", async () => {
    expect(await chooseModel('', answer({ model: './model/model.json' }))).toEqual({ kind: 'url', url: './model/model.json' });
    expect(await chooseModel('', answer(undefined))).toEqual({ kind: 'url', url: DEFAULT_MODEL_URL });
    expect(await chooseModel('?model=', answer({ model: 3 }))).toEqual({ kind: 'url', url: DEFAULT_MODEL_URL });
  });
});
