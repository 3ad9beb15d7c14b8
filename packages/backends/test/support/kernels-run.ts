import * as tf from '@tensorflow/tfjs-core';

/** The names of the kernels `f` runs through the engine, in order (the engine's `runKernel`, spied on for the call). */
export function kernelsRun(f: () => void): string[] {
  const names: string[] = [];
  const engine = tf.engine();
  const run = engine.runKernel.bind(engine);
  engine.runKernel = (name, inputs, attrs) => {
    names.push(name);
    return run(name, inputs, attrs);
  };
  try {
    f();
  } finally {
    engine.runKernel = run;
  }
  return names;
}
