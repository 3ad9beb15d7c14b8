/**
 * A compile-time shape error: the result of a type-level shape function that cannot succeed. The
 * message is a string literal type with the words and numbers a user needs (`skip: height 64 ≠ 32`);
 * layers surface it as the type of the offending argument, so tsc prints it in one line.
 *
 * @example
 * ```ts
 * import type { ShapeFail } from '@pix2pix-ts/shape-types';
 * type E = ShapeFail<'skip: height 64 ≠ 32'>;
 * ```
 */
export interface ShapeFail<Msg extends string> {
  readonly shapeError: Msg;
}

/** The message of a {@link ShapeFail}, or `never` when `T` is not one. */
export type FailMessage<T> = T extends ShapeFail<infer M> ? M : never;

/** `true` when `T` is a {@link ShapeFail}. */
export type IsFail<T> = T extends ShapeFail<string> ? true : false;
