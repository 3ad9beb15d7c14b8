/** Calls `f` once, `ms` after the last of a burst of calls (live translation while drawing). */
export function debounce(f: () => void, ms: number): { readonly call: () => void; readonly flush: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call() {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        f();
      }, ms);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      f();
    },
  };
}
