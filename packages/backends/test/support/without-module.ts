/**
 * tfjs-wasm's backend with its Emscripten module hidden, so `heapKernelsFor` cannot find the memory
 * and the kernels take their fallback paths (wasm's own kernels). Methods stay bound to the backend.
 */
export function withoutModule<B extends object>(backend: B): B {
  return new Proxy(backend, {
    get: (target, key) => {
      if (key === 'wasm') return undefined;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
