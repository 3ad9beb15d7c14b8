import { defineLayer, type AnyLayer, type Layer, type SigOf } from '../core/layer';
import type { SerialSig } from '../core/signature';
import { foldIn, split } from '../random/key';
import type { ParamTree } from '../tree/param-tree';

/** The signatures of a tuple of layers, as a tuple. */
export type SigsOf<Ls extends readonly AnyLayer[]> = { readonly [I in keyof Ls]: SigOf<Ls[I]> };

/**
 * Layers applied one after the other; shapes are threaded at type level, so the output shape of the
 * whole is known wherever the input's is. Params and state are arrays with one entry per layer; each
 * layer gets its own init key and dropout key.
 *
 * @example
 * ```ts
 * import { batchNorm, conv2d, key, leakyRelu, serial } from '@pix2pix-ts/layers';
 * const down = serial(conv2d({ filters: 128, kernel: 4, stride: 2, pad: 1, bias: false }), batchNorm(), leakyRelu(0.2));
 * down.init(key(0), [1, 128, 128, 64]).outputShape; // readonly [1, 64, 64, 128]
 * ```
 */
export function serial<const Ls extends readonly AnyLayer[]>(...layers: Ls): Layer<SerialSig<SigsOf<Ls>>> {
  const sig = { op: 'serial', layers: layers.map((l) => l.sig) } as unknown as SerialSig<SigsOf<Ls>>;
  return defineLayer(`serial(${layers.map((l) => l.name).join(', ')})`, sig, {
    init(key, inputShape) {
      const keys = split(key, layers.length);
      const params: ParamTree[] = [];
      const states: ParamTree[] = [];
      let shape = inputShape;
      layers.forEach((layer, i) => {
        const made = layer.impl.init(keys[i] ?? key, shape);
        params.push(made.params);
        states.push(made.state);
        // Shapes were validated for the whole network before init; this cannot fail here.
        shape = nextShape(layer, shape);
      });
      return { params, state: states };
    },
    apply(params, state, x, ctx) {
      const ps = params as readonly ParamTree[];
      const ss = state as readonly ParamTree[];
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

import { inferOutputShape } from '../core/output-shape';
import type { Shape } from '@pix2pix-ts/shape-types';

function nextShape(layer: AnyLayer, shape: Shape): Shape {
  const out = inferOutputShape(layer.sig, shape);
  if (out._tag === 'Left') throw new Error(`serial: ${out.left.message}`);
  return out.right;
}
