import * as tf from '@tensorflow/tfjs-core';
import { defineLayer, type Layer, type LayerBase } from '../core/layer';
import type { Sig } from '../core/signature';
import { foldIn, type Key } from '../random/key';
import type { ParamTree } from '../tree/param-tree';
import { kaimingNormal, normal, orthogonal, xavierNormal, type Initializer } from './initializers';

/** The official `--init_type` choices. */
export const INIT_TYPES = ['normal', 'xavier', 'kaiming', 'orthogonal'] as const;
/** See {@link INIT_TYPES}. */
export type InitType = (typeof INIT_TYPES)[number];

/** Options of {@link initWeights}: the official `init_type` and `init_gain`. */
export interface InitWeightsOptions {
  readonly type: InitType;
  /** std of `normal`, gain of `xavier` and `orthogonal` (unused by `kaiming`), std of batch-norm gains. */
  readonly gain: number;
}

/** The conv-weight initialiser of an `init_type` (the official `init_weights`). */
export function weightInitializer(o: InitWeightsOptions): Initializer {
  switch (o.type) {
    case 'normal':
      return normal(o.gain);
    case 'xavier':
      return xavierNormal(o.gain);
    case 'kaiming':
      return kaimingNormal();
    case 'orthogonal':
      return orthogonal(o.gain);
  }
}

// The same test as the tree functions' (a second copy of tfjs-core would defeat `instanceof`).
const isTensor = (t: ParamTree): t is tf.Tensor => typeof (t as tf.Tensor).dataId === 'object' && 'shape' in t;

/**
 * Re-draws the parameters of an initialised tree the way the official `init_weights(net, init_type, init_gain)`
 * does after building a network: every conv and transposed-conv `kernel` (rank 4, in the tfjs layouts, where
 * PyTorch's fans are `shape[2]·k·k` in and `shape[3]·k·k` out) from the `init_type`, every batch-norm gain
 * (`gamma` beside `beta`) from `N(1, gain²)`; biases and shifts stay 0. Leaf `i` (in tree order) draws from
 * `foldIn(key, i)`. The replaced tensors are disposed.
 */
export function reinitParams(tree: ParamTree, key: Key, o: InitWeightsOptions): ParamTree {
  const weight = weightInitializer(o);
  const gain = normal(o.gain, 1);
  let leaf = 0;
  const walk = (t: ParamTree, name: string, siblings: Readonly<Record<string, ParamTree>> | undefined): ParamTree => {
    if (isTensor(t)) {
      const k = foldIn(key, leaf++);
      if (name === 'kernel' && t.rank === 4) {
        const [kh = 1, kw = 1, a = 1, b = 1] = t.shape;
        const next = weight(k, t.shape, { fanIn: a * kh * kw, fanOut: b * kh * kw });
        t.dispose();
        return next;
      }
      if (name === 'gamma' && siblings !== undefined && 'beta' in siblings) {
        const next = gain(k, t.shape, { fanIn: t.size, fanOut: t.size });
        t.dispose();
        return next;
      }
      return t;
    }
    if (Array.isArray(t)) return (t as readonly ParamTree[]).map((c) => walk(c, '', undefined));
    const rec = t as Readonly<Record<string, ParamTree>>;
    return Object.fromEntries(Object.keys(rec).map((n) => [n, walk(rec[n] as ParamTree, n, rec)]));
  };
  return walk(tree, '', undefined);
}

/** Folded into a layer's key for its re-drawn weights, so they never share a stream with its own init. */
const INIT_WEIGHTS_TAG = 0x1417;

/**
 * A network whose `init` is followed by the official `init_weights` with another `init_type` / `init_gain`
 * ({@link reinitParams}); `apply` is the network's own. The layers' built-in initialisers are already the
 * official default (`normal`, gain 0.02), so wrapping is only needed for the other choices.
 *
 * @example
 * ```ts
 * import { conv2d, initWeights, key } from '@pix2pix-ts/layers';
 * const c = initWeights(conv2d({ filters: 8, kernel: 4, stride: 2, pad: 1 }), { type: 'orthogonal', gain: 0.02 });
 * const { params } = c.init(key(0), [1, 16, 16, 3]);
 * ```
 */
export function initWeights<G extends Sig>(layer: LayerBase<G>, o: InitWeightsOptions): Layer<G> {
  return defineLayer(`${layer.name} (init ${o.type}, gain ${o.gain})`, layer.sig, {
    init(key, inputShape) {
      const made = layer.impl.init(key, inputShape);
      return { params: reinitParams(made.params, foldIn(key, INIT_WEIGHTS_TAG), o), state: made.state };
    },
    apply: layer.impl.apply,
  });
}
