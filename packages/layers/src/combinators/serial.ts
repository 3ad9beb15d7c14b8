import * as E from 'fp-ts/Either';
import type { ParamTree, Shape, ShapeError } from '@pix2pix-ts/shape-types';
import { defineLayer, type AnyLayer, type Layer, type SigOf } from '../core/layer';
import { composeFields, IDENTITY, type SerialField } from '../core/receptive-field';
import type { OutputShape, ParamsOf, Sig, StateOf } from '../core/signature';
import { foldIn, split } from '../random/key';

/** The signatures of a tuple of layers, as a tuple. */
export type SigsOf<Ls extends readonly AnyLayer[]> = { readonly [I in keyof Ls]: SigOf<Ls[I]> };

/** Type level: the output of layers `Ls` in order on `S` (the first failure stops it). */
export type SerialOutput<Ls extends readonly unknown[], S> = number extends Ls['length']
  ? Shape
  : Ls extends readonly [infer First, ...infer Rest extends readonly unknown[]]
    ? S extends Shape
      ? OutputShape<First, S> extends infer O
        ? O extends Shape
          ? SerialOutput<Rest, O>
          : O
        : never
      : S
    : S;

/** Type level: the params (`'~params'`) or state (`'~state'`) of layers `Ls` on `S`, one entry per layer. */
export type SerialTrees<Ls extends readonly unknown[], S, K extends 'params' | 'state', Acc extends readonly unknown[] = readonly []> = number extends Ls['length']
  ? readonly ParamTree[]
  : Ls extends readonly [infer First, ...infer Rest extends readonly unknown[]]
    ? S extends Shape
      ? OutputShape<First, S> extends infer O
        ? SerialTrees<Rest, O, K, readonly [...Acc, K extends 'params' ? ParamsOf<First, S> : StateOf<First, S>]>
        : never
      : readonly ParamTree[]
    : Acc;

/** Signature of layers applied in order: params and state are tuples, one entry per layer. */
export interface SerialSig<Ls extends readonly unknown[] = readonly Sig[]> extends Sig {
  readonly op: 'serial';
  readonly layers: Ls;
  readonly '~out'?: SerialOutput<Ls, this['~in']>;
  readonly '~params'?: SerialTrees<Ls, this['~in'], 'params'>;
  readonly '~state'?: SerialTrees<Ls, this['~in'], 'state'>;
  readonly '~field'?: SerialField<Ls>;
}

const sigsOf = <const Ls extends readonly AnyLayer[]>(layers: Ls): SigsOf<Ls> =>
  // `map` keeps the tuple's length and order; only TypeScript's `map` typing loses the tuple.
  layers.map((l) => l.sig) as readonly Sig[] as SigsOf<Ls>;

/**
 * Layers applied one after the other; shapes are threaded at type level, so the output shape (and the
 * parameter types) of the whole are known wherever the input's is. Params and state are arrays with one
 * entry per layer; each layer gets its own init key and dropout key.
 *
 * @example
 * ```ts
 * import { batchNorm, conv2d, key, leakyRelu, serial } from '@pix2pix-ts/layers';
 * const down = serial(conv2d({ filters: 128, kernel: 4, stride: 2, pad: 1, bias: false }), batchNorm(), leakyRelu(0.2));
 * down.init(key(0), [1, 128, 128, 64]).outputShape; // readonly [1, 64, 64, 128]
 * ```
 */
export function serial<const Ls extends readonly AnyLayer[]>(...layers: Ls): Layer<SerialSig<SigsOf<Ls>>> {
  const sig: SerialSig<SigsOf<Ls>> = {
    op: 'serial',
    layers: sigsOf(layers),
    field: layers.reduce((acc, l) => composeFields(acc, l.sig.field), IDENTITY),
    outputShape: (input: Shape) => layers.reduce<E.Either<ShapeError, Shape>>((acc, l) => E.flatMap(acc, l.sig.outputShape), E.right(input)),
  };
  return defineLayer<SerialSig<SigsOf<Ls>>, readonly ParamTree[], readonly ParamTree[]>(`serial(${layers.map((l) => l.name).join(', ')})`, sig, {
    init(key, inputShape) {
      const keys = split(key, layers.length);
      const params: ParamTree[] = [];
      const states: ParamTree[] = [];
      let shape = inputShape;
      layers.forEach((layer, i) => {
        const made = layer.impl.init(keys[i] ?? key, shape);
        params.push(made.params);
        states.push(made.state);
        shape = nextShape(layer, shape);
      });
      return { params, state: states };
    },
    apply(ps, ss, x, ctx) {
      let y = x;
      const nextStates: ParamTree[] = [];
      layers.forEach((layer, i) => {
        const childCtx = ctx.key === undefined ? ctx : { ...ctx, key: foldIn(ctx.key, i) };
        const out = layer.impl.apply(ps[i] ?? {}, ss[i] ?? {}, y, childCtx);
        y = out.y;
        nextStates.push(out.state);
      });
      return { y, state: nextStates };
    },
  });
}

/** The next child's input shape; shapes were validated for the whole network before init, so this cannot fail. */
function nextShape(layer: AnyLayer, shape: Shape): Shape {
  const out = layer.sig.outputShape(shape);
  if (E.isLeft(out)) throw new Error(`serial: ${out.left.message}`);
  return out.right;
}
