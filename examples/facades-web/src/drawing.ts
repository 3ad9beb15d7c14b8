import { floodFill } from './flood-fill';
import { cloneMap, labelMap, paintLine, paintRect, toRgba, type LabelMap } from './label-map';
import { undoStack } from './undo-stack';

/** The drawing tools: a round brush, a filled rectangle (drag a corner to the opposite one), and a paint bucket. */
export type Tool = 'brush' | 'rect' | 'fill';

/** The label canvas with its tools and undo history. */
export interface Drawing {
  readonly labels: () => LabelMap;
  readonly setTool: (tool: Tool) => void;
  readonly setClass: (cls: number) => void;
  readonly setBrushRadius: (r: number) => void;
  /** Restores the map before the last change; false when there is nothing to undo. */
  readonly undo: () => boolean;
  /** Replaces the whole map (undoable). */
  readonly replace: (m: LabelMap) => void;
  readonly undoDepth: () => number;
}

/**
 * Makes `canvas` a label editor over a map of its size. `onChange(done)` is called while a stroke
 * or rectangle is being drawn (`done` false) and when it ends or any other change happens (`done` true).
 */
export function attachDrawing(canvas: HTMLCanvasElement, initial: LabelMap, onChange: (done: boolean) => void): Drawing {
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('no 2d context for the label canvas');
  let map = cloneMap(initial);
  let tool: Tool = 'brush';
  let cls = 0;
  let radius = 6;
  const history = undoStack<LabelMap>(100);
  let drag: { readonly before: LabelMap; readonly x0: number; readonly y0: number; x: number; y: number } | undefined;

  const render = (): void => ctx.putImageData(new ImageData(toRgba(map), map.width, map.height), 0, 0);
  const at = (e: PointerEvent): { x: number; y: number } => {
    const r = canvas.getBoundingClientRect();
    return {
      x: Math.floor(((e.clientX - r.left) * map.width) / Math.max(1, r.width)),
      y: Math.floor(((e.clientY - r.top) * map.height) / Math.max(1, r.height)),
    };
  };

  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    const p = at(e);
    if (tool === 'fill') {
      const before = cloneMap(map);
      if (floodFill(map, p.x, p.y, cls) > 0) {
        history.push(before);
        render();
        onChange(true);
      }
      return;
    }
    canvas.setPointerCapture(e.pointerId);
    drag = { before: cloneMap(map), x0: p.x, y0: p.y, x: p.x, y: p.y };
    if (tool === 'brush') paintLine(map, p.x, p.y, p.x, p.y, radius, cls);
    else paintRect(map, p.x, p.y, p.x, p.y, cls);
    render();
    onChange(false);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (drag === undefined) return;
    const p = at(e);
    if (tool === 'brush') paintLine(map, drag.x, drag.y, p.x, p.y, radius, cls);
    else {
      // The rectangle follows the pointer: redraw it over the map as it was when the drag began.
      map = cloneMap(drag.before);
      paintRect(map, drag.x0, drag.y0, p.x, p.y, cls);
    }
    drag.x = p.x;
    drag.y = p.y;
    render();
    onChange(false);
  });
  const end = (): void => {
    if (drag === undefined) return;
    history.push(drag.before);
    drag = undefined;
    onChange(true);
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  render();
  return {
    labels: () => map,
    setTool: (t) => {
      tool = t;
    },
    setClass: (c) => {
      cls = c;
    },
    setBrushRadius: (r) => {
      radius = r;
    },
    undo: () => {
      const previous = history.pop();
      if (previous === undefined) return false;
      map = previous;
      render();
      onChange(true);
      return true;
    },
    replace: (m) => {
      history.push(map);
      map = m.width === map.width && m.height === map.height ? cloneMap(m) : labelMap(map.width, map.height);
      render();
      onChange(true);
    },
    undoDepth: () => history.size(),
  };
}
