/**
 * Window arithmetic for a list of fixed-height rows: which rows to render for a scroll position,
 * which pages of the host's result cover them, and where to scroll to bring a row into view.
 * Pure, so the list stays cheap at 100 000 rows and is tested without a DOM.
 */
export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  total: number;
  /** Rows rendered beyond each edge of the viewport, so a short scroll shows no blank rows. */
  overscan: number;
}

export interface RowWindow {
  /** First rendered row (inclusive). */
  start: number;
  /** Past the last rendered row (exclusive). */
  end: number;
  /** Offset of row `start` from the top of the scroll content. */
  offsetTop: number;
  /** Height of the whole list: the scrollbar reflects every row. */
  totalHeight: number;
}

const EMPTY: RowWindow = { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };

export function rowWindow({ scrollTop, viewportHeight, rowHeight, total, overscan }: WindowInput): RowWindow {
  const count = Math.max(0, Math.floor(total));
  if (count === 0 || rowHeight <= 0) return EMPTY;
  const totalHeight = count * rowHeight;
  // The browser may report a scrollTop past the end for a moment after the list shrinks.
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, totalHeight - viewportHeight));
  const firstVisible = Math.min(count - 1, Math.floor(top / rowHeight));
  const lastVisible = Math.min(count - 1, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) - 1);
  const pad = Math.max(0, Math.floor(overscan));
  const start = Math.max(0, firstVisible - pad);
  const end = Math.min(count, Math.max(firstVisible, lastVisible) + 1 + pad);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/** The pages (of `pageSize` rows, from 0) that hold rows [start, end). */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start || pageSize <= 0) return [];
  const first = Math.floor(Math.max(0, start) / pageSize);
  const last = Math.floor((end - 1) / pageSize);
  const pages: number[] = [];
  for (let p = first; p <= last; p++) pages.push(p);
  return pages;
}

/** The scrollTop that shows row `index` whole, moving as little as possible (keyboard navigation). */
export function scrollTopToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}

/** Rows a PageUp/PageDown moves: one viewport, at least one row. */
export const rowsPerPage = (viewportHeight: number, rowHeight: number): number =>
  Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
