/**
 * The entry of the trainer page's bundle: installs the {@link PageTrainer} as
 * `globalThis.pix2pixTrainer`, each method returning a promise that rejects with the error's
 * message (what `page.evaluate` can carry back to Node), and marks the page ready.
 * @packageDocumentation
 */
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { createPageTrainer } from './page-trainer';

const trainer = createPageTrainer();

const run =
  <A>(task: (input: unknown) => TE.TaskEither<Error, A>) =>
  async (input: unknown): Promise<A> => {
    const result = await task(input)();
    if (E.isLeft(result)) throw result.left;
    return result.right;
  };

Reflect.set(globalThis, 'pix2pixTrainer', {
  setup: run(trainer.setup),
  init: run(trainer.init),
  step: run(trainer.step),
  save: run(trainer.save),
  load: run(trainer.load),
  translate: run(trainer.translate),
  memory: run(() => trainer.memory()),
  dispose: run(() => trainer.dispose()),
});
Reflect.set(globalThis, 'pix2pixReady', true);
