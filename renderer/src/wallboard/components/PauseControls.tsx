import { useId, useState } from 'react';
import type { WallboardLanguage } from '../format.js';
import { pauseReasonLabel, type WallboardT } from '../i18n.js';

export interface PauseControlsProps {
  reasons: readonly string[];
  /** Paused now (with `currentReason`), so the unpause button shows. */
  paused: boolean;
  currentReason: string | null;
  /** In after-call work: unpausing ends it early ("Ready"). */
  wrapUp?: boolean;
  /** A break asked during the call, taken when it ends: the select shows it, asking it again does nothing. */
  pendingReason?: string | null;
  /** On a call where a break waits for the call's end: the button says so. */
  afterCall?: boolean;
  busy: boolean;
  /** 'self': the operator's own words ("Take a break"); 'agent': a team lead acting on someone. */
  variant: 'self' | 'agent';
  /** What the controls act on, for screen readers in a table of agents. */
  subject?: string;
  /**
   * The reason select's id, for a key to reach it; with it, Enter in the select pauses (or changes
   * the reason), so a break is taken from the keyboard: F8, arrows, Enter.
   */
  selectId?: string;
  onPause: (reason: string) => void;
  onUnpause: () => void;
  t: WallboardT;
  lng: WallboardLanguage;
}

/** A reason select, a pause button (changing the reason while paused), and an unpause button while paused. */
export function PauseControls(props: PauseControlsProps) {
  const { reasons, paused, currentReason, wrapUp = false, pendingReason = null, afterCall = false, busy, variant, subject, t, lng } = props;
  const generatedId = useId();
  const id = props.selectId ?? generatedId;
  const shown = currentReason ?? pendingReason;
  const fallback = shown !== null && reasons.includes(shown) ? shown : (reasons[0] ?? '');
  // A pick holds only in the state it was made in: once the break is taken, changed or cancelled,
  // the select shows what is true (the break's reason, the pending one, or the first).
  const stateKey = `${paused}|${currentReason}|${pendingReason}`;
  const [picked, setPicked] = useState<string | null>(null);
  const [pickedIn, setPickedIn] = useState(stateKey);
  if (pickedIn !== stateKey) {
    setPickedIn(stateKey);
    setPicked(null);
  }
  // The host's list can change under us; a pick it no longer offers falls back.
  const reason = picked !== null && pickedIn === stateKey && reasons.includes(picked) ? picked : fallback;
  const sameReason = (paused && reason === currentReason) || (pendingReason !== null && reason === pendingReason);
  const pauseLabel = paused ? t('pause.changeReason') : afterCall && variant === 'self' ? t('pause.pauseAfterCall') : t(variant === 'self' ? 'pause.pauseSelf' : 'pause.pause');
  const suffix = subject ? ` — ${subject}` : '';
  const canPause = !busy && reason !== '' && !sameReason;

  return (
    <div className="wb-pause" role="group" aria-label={`${t('pause.reason')}${suffix}`}>
      <label className="wb-sr-only" htmlFor={id}>
        {t('pause.reason')}
        {suffix}
      </label>
      <select
        id={id}
        data-testid="pause-reason"
        value={reason}
        disabled={busy || reasons.length === 0}
        onChange={(e) => setPicked(e.target.value)}
        onKeyDown={(e) => {
          if (props.selectId === undefined || e.key !== 'Enter' || e.ctrlKey || e.altKey || e.shiftKey || e.metaKey) return;
          e.preventDefault();
          if (canPause) props.onPause(reason);
        }}
      >
        {reasons.map((r) => (
          <option key={r} value={r}>
            {pauseReasonLabel(r, lng)}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="pause-button"
        className={paused ? undefined : 'wb-pause-button'}
        disabled={!canPause}
        aria-label={subject ? `${pauseLabel}${suffix}` : undefined}
        onClick={() => props.onPause(reason)}
      >
        {pauseLabel}
      </button>
      {(paused || wrapUp) && (
        <button
          type="button"
          data-testid="unpause-button"
          className="wb-unpause-button"
          disabled={busy}
          title={wrapUp && !paused ? t('pause.readyHint') : undefined}
          onClick={props.onUnpause}
        >
          {wrapUp && !paused ? t('pause.ready') : t(variant === 'self' ? 'pause.unpauseSelf' : 'pause.unpause')}
        </button>
      )}
    </div>
  );
}
