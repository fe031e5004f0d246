import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { rowsPerPage, rowWindow, scrollTopToReveal } from './virtualWindow.js';

interface VirtualListProps {
  id: string;
  testId: string;
  label: string;
  total: number;
  rowHeight: number;
  overscan?: number;
  header: ReactNode;
  /** One row of exactly `rowHeight` pixels; `active` is the keyboard cursor. */
  renderRow: (index: number, active: boolean, rowId: string) => ReactNode;
  /** The rendered rows changed: fetch what they need. */
  onRangeChange?: (start: number, end: number) => void;
  /** Enter or a click on a row. */
  onActivate: (index: number) => void;
  /** Changes when the list holds a different result: back to the top. */
  resetKey: string;
  busy?: boolean;
  /** False until the first rows (or the news that there are none) arrived. */
  loaded?: boolean;
}

/**
 * A windowed grid: only the rows in view (plus overscan) exist in the DOM, inside a spacer as tall
 * as every row together, so the scrollbar is true at 100 000 rows. Keys: ↑/↓, PageUp/PageDown,
 * Home/End move the cursor; Enter opens the row.
 */
export function VirtualList(props: VirtualListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [active, setActive] = useState(-1);
  const frame = useRef<number | null>(null);
  const { total, rowHeight } = props;

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  useLayoutEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
    setActive(-1);
  }, [props.resetKey]);

  const win = rowWindow({ scrollTop, viewportHeight: height, rowHeight, total, overscan: props.overscan ?? 10 });
  const { onRangeChange } = props;
  useEffect(() => {
    onRangeChange?.(win.start, win.end);
  }, [win.start, win.end, onRangeChange]);

  const onScroll = () => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      if (viewport.current) setScrollTop(viewport.current.scrollTop);
    });
  };

  const moveTo = (index: number) => {
    if (total === 0) return;
    const next = Math.min(total - 1, Math.max(0, index));
    setActive(next);
    const el = viewport.current;
    if (el) {
      const top = scrollTopToReveal(next, el.scrollTop, el.clientHeight, rowHeight);
      if (top !== el.scrollTop) {
        el.scrollTop = top;
        setScrollTop(top);
      }
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys pressed in a control inside a row (a select, a button) are that control's.
    if (e.target !== e.currentTarget) return;
    const page = rowsPerPage(height, rowHeight);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + page),
      PageUp: () => moveTo(active - page),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => active >= 0 && active < total && props.onActivate(active),
    };
    const action = keys[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    action();
  };

  const rowId = (i: number) => `${props.id}-row-${i}`;
  const rows: ReactNode[] = [];
  for (let i = win.start; i < win.end; i++) rows.push(props.renderRow(i, i === active, rowId(i)));

  return (
    <div
      id={props.id}
      className="vlist"
      role="grid"
      aria-label={props.label}
      aria-rowcount={total + 1}
      aria-readonly
      aria-busy={props.busy || undefined}
      aria-activedescendant={active >= 0 && active >= win.start && active < win.end ? rowId(active) : undefined}
      data-testid={props.testId}
      data-total={total}
      data-loaded={props.loaded ?? true}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && active < 0 && total > 0) setActive(Math.min(total - 1, win.start));
      }}
      onClick={(e) => {
        const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
        const index = row ? Number(row.dataset.index) : NaN;
        if (Number.isInteger(index)) {
          setActive(index);
          props.onActivate(index);
        }
      }}
    >
      <div role="rowgroup" className="vlist-head">
        {props.header}
      </div>
      <div className="vlist-viewport" ref={viewport} onScroll={onScroll}>
        <div className="vlist-spacer" style={{ height: win.totalHeight }}>
          <div role="rowgroup" className="vlist-rows" style={{ transform: `translateY(${win.offsetTop}px)` }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}
