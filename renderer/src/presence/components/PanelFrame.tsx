import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { usePresenceDesk } from '../deskPart.js';
import { panelClosed } from '../presenceStore.js';

/**
 * The frame of the help and settings panels: a non-modal panel at the right (the desk stays
 * usable under it, a call can ring), a title and a close button; Escape closes, and the focus
 * goes back to where it was.
 */
export function PanelFrame({ name, title, closeLabel, children }: { name: string; title: string; closeLabel: string; children: ReactNode }) {
  const desk = usePresenceDesk();
  const closeRef = useRef<HTMLButtonElement>(null);
  const close = () => desk.presence.store.setState(panelClosed, true);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    close();
  };

  return (
    <section className="presence-panel panel" role="dialog" aria-modal="false" aria-labelledby={`${name}-title`} data-testid={`${name}-panel`} onKeyDown={onKeyDown}>
      <div className="presence-panel-head">
        <h2 id={`${name}-title`}>{title}</h2>
        <button type="button" ref={closeRef} className="quiet" data-testid={`${name}-close`} aria-label={closeLabel} onClick={close}>
          ×
        </button>
      </div>
      {children}
    </section>
  );
}
