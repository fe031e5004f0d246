import { useEffect, useId, useRef, type RefObject } from 'react';
import type { AgentRow, SpyMode, WallboardSettings } from '../../../../core/queue.js';
import { displayName } from '../agentSort.js';
import type { WallboardLanguage } from '../format.js';
import type { WallboardT } from '../i18n.js';
import { pendingKey, selectPending, type QueueActions } from '../queueActions.js';
import { isPaused } from '../queueFigures.js';
import { useActions } from './hooks.js';
import { PauseControls } from './PauseControls.js';

const SPY_MODES: readonly SpyMode[] = ['listen', 'whisper', 'barge'];

export interface AgentActionsProps {
  row: AgentRow;
  queues: readonly string[];
  settings: WallboardSettings;
  actions: QueueActions;
  t: WallboardT;
  lng: WallboardLanguage;
}

/** A team lead's commands on one agent: pause with a reason / unpause, queue membership, listen / whisper / barge. */
export function AgentActions({ row, queues, settings, actions, t, lng }: AgentActionsProps) {
  const pending = useActions(selectPending(pendingKey({ kind: 'agent', agentInterface: row.interface })));
  const busy = pending !== null;
  const name = displayName(row);
  const paused = isPaused(row);
  const noCall = row.state !== 'on-call';
  // ChanSpy rings the team lead's own phone: without one configured nothing can work, so say that.
  const noPhone = settings.spyPhone !== true;

  return (
    <div className="wb-row-actions" aria-busy={busy}>
      <PauseControls
        reasons={settings.pauseReasons}
        paused={paused}
        currentReason={row.pauseReason}
        busy={busy}
        variant="agent"
        subject={name}
        onPause={(reason) => void actions.pauseAgent(row.interface, true, reason)}
        onUnpause={() => void actions.pauseAgent(row.interface, false, null)}
        t={t}
        lng={lng}
      />
      <MembershipPopup row={row} queues={queues} busy={busy} actions={actions} t={t} />
      <div className="wb-spy" role="group" aria-label={`${t('spy.label')} — ${name}`}>
        {SPY_MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            className={`wb-spy-button wb-spy-button--${mode}`}
            data-testid={`spy-${mode}`}
            disabled={busy || noCall || noPhone}
            title={noPhone ? t('spy.noPhone') : noCall ? t('spy.noCall') : t(`spy.${mode}Hint`)}
            onClick={() => void actions.spy(row.interface, mode)}
          >
            {t(`spy.${mode}`)}
          </button>
        ))}
      </div>
      {busy && (
        <span className="wb-muted wb-pending" role="status">
          {t('actions.pending')}
        </span>
      )}
    </div>
  );
}

/** Room kept between the pop-up and the window's edge, in pixels. */
const EDGE = 8;

/**
 * Places a popover (the browser's top layer: no scroll box clips it) by its button: under it, or
 * above it when there is no room below, always inside the window. A scroll closes it (it would
 * float away from its row); Esc or a click elsewhere is the popover's own.
 */
export function usePopoverBy(button: RefObject<HTMLElement | null>, popup: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = popup.current;
    if (!el) return;
    const close = (e: Event) => {
      if (e.target instanceof Node && el.contains(e.target)) return;
      if (el.matches(':popover-open')) el.hidePopover();
    };
    const onToggle = (e: Event) => {
      if ((e as ToggleEvent).newState !== 'open') {
        window.removeEventListener('scroll', close, true);
        return;
      }
      const anchor = button.current?.getBoundingClientRect();
      if (!anchor) return;
      const { offsetWidth: w, offsetHeight: h } = el;
      const below = anchor.bottom + 4;
      const top = below + h <= window.innerHeight - EDGE ? below : Math.max(EDGE, anchor.top - 4 - h);
      const left = Math.max(EDGE, Math.min(anchor.right - w, window.innerWidth - EDGE - w));
      el.style.top = `${top}px`;
      el.style.left = `${left}px`;
      window.addEventListener('scroll', close, true);
    };
    el.addEventListener('toggle', onToggle);
    return () => {
      el.removeEventListener('toggle', onToggle);
      window.removeEventListener('scroll', close, true);
    };
  }, [button, popup]);
}

/**
 * The compact table's commands (AgentTable.tsx): one small "⋯" button per row, and the row's
 * commands, all of them, in a popover by it (the "Kuyruklar" pop-up opens from there, over it).
 */
export function AgentActionsMenu(props: AgentActionsProps) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  usePopoverBy(button, popup);
  const label = props.t('agents.menu', { name: displayName(props.row) });
  return (
    <>
      <button ref={button} type="button" className="wb-row-menu-button" data-testid="agent-menu" popoverTarget={id} aria-haspopup="true" aria-label={label} title={label}>
        ⋯
      </button>
      <div ref={popup} id={id} popover="auto" className="wb-membership-popup wb-row-menu" data-testid="agent-menu-popup" role="group" aria-label={label}>
        <AgentActions {...props} />
      </div>
    </>
  );
}

/**
 * "Kuyruklar": the agent's queue memberships in a pop-up. It is a popover (usePopoverBy), not a
 * child box of the row: the table's scroll box clips whatever is inside it, so a pop-up there was
 * cut at the table's edge.
 */
function MembershipPopup({ row, queues, busy, actions, t }: { row: AgentRow; queues: readonly string[]; busy: boolean; actions: QueueActions; t: WallboardT }) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const popup = useRef<HTMLDivElement>(null);
  const memberOf = new Set(row.queues);
  const name = displayName(row);
  usePopoverBy(button, popup);

  return (
    <>
      <button ref={button} type="button" className="wb-membership-button" data-testid="membership-summary" popoverTarget={id} aria-haspopup="true" title={row.queues.join(', ') || undefined}>
        {t('membership.summary', { member: queues.filter((q) => memberOf.has(q)).length, total: queues.length })}
      </button>
      <div ref={popup} id={id} popover="auto" className="wb-membership-popup" data-testid="membership-popup">
        <fieldset disabled={busy}>
          <legend className="wb-sr-only">
            {t('membership.label')} — {name}
          </legend>
          {queues.map((q) => (
            <label key={q} className="wb-check" title={row.staticQueues.includes(q) ? t('membership.staticHint', { queue: q }) : undefined}>
              <input
                type="checkbox"
                data-testid="queue-membership"
                data-queue={q}
                checked={memberOf.has(q)}
                disabled={row.staticQueues.includes(q)}
                onChange={(e) => void actions.setAgentMembership(row.interface, q, e.target.checked)}
              />
              {q}
              {row.staticQueues.includes(q) && <span className="wb-muted"> ({t('membership.static')})</span>}
            </label>
          ))}
        </fieldset>
      </div>
    </>
  );
}
