import * as E from 'fp-ts/Either';

const describeLeft = (l: unknown): string =>
  typeof l === 'string' ? l : typeof l === 'object' && l !== null && 'message' in l ? String(l.message) : JSON.stringify(l);

/** The right value, or a thrown Error with the left's message (tests only). */
export const unwrap = <L, A>(e: E.Either<L, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got Left: ${describeLeft(e.left)}`);
  return e.right;
};

/** The left value, or a thrown Error (tests only). */
export const unwrapLeft = <L, A>(e: E.Either<L, A>): L => {
  if (E.isRight(e)) throw new Error('expected Left, got Right');
  return e.left;
};
