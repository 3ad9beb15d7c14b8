/** A bounded history of snapshots: `push` before a change, `pop` to get the state before the last one. */
export interface UndoStack<T> {
  readonly push: (snapshot: T) => void;
  readonly pop: () => T | undefined;
  readonly size: () => number;
}

/** An undo history keeping at most `limit` snapshots (the oldest are dropped). */
export function undoStack<T>(limit = 50): UndoStack<T> {
  const items: T[] = [];
  return {
    push(snapshot) {
      items.push(snapshot);
      if (items.length > limit) items.shift();
    },
    pop: () => items.pop(),
    size: () => items.length,
  };
}
