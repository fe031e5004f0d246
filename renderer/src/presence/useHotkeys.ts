import { useEffect } from 'react';
import { actionOfCombo, comboOfKey, DEFAULT_HOTKEYS, type HotkeyAction } from '../../../core/hotkeys.js';
import { selectAgent } from '../shared/state/hostStore.js';
import { focusById, PAUSE_REASON_ID, SEARCH_INPUT_ID, SUBJECT_INPUT_ID } from '../shared/ui/focus.js';
import { selectAgentRow, selectSettings as selectQueueSettings, useWallboard } from '../wallboard/index.js';
import { usePresenceDesk } from './deskPart.js';
import { hotkeyCommand, type HotkeyCommand, type HotkeyContext } from './hotkeyCommands.js';
import { keyNoteCleared, keyNoted, panelToggled } from './presenceStore.js';

/** How long "this key did nothing, because…" stays on screen. */
const KEY_NOTE_MS = 4000;

const FOCUS_TARGETS = { subject: SUBJECT_INPUT_ID, search: SEARCH_INPUT_ID, pauseReason: PAUSE_REASON_ID } as const;

/** The help panel's key: fixed, so nobody can lose the way back to the key map. */
export const HELP_KEY = 'F1';

/** A field that records a key for the settings: every key pressed there is its own. */
export const CAPTURE_ATTRIBUTE = 'data-hotkey-capture';

/**
 * AltGr types characters (on a Turkish keyboard AltGr+Q is "@") and reaches the page as Ctrl+Alt:
 * such a key press is typing, never a desk key.
 */
export const typesCharacter = (e: Pick<KeyboardEvent, 'getModifierState'>): boolean => e.getModifierState?.('AltGraph') === true;

/**
 * The desk's hot keys in the page, and the global ones Electron passes on (`hotkey.pressed`):
 * each runs what hotkeyCommand decides for the call and the setup at that moment.
 */
export function useHotkeys(): void {
  const desk = usePresenceDesk();
  const wallboard = useWallboard();

  useEffect(() => {
    const context = (): HotkeyContext => {
      const phone = desk.softphone.store.getState();
      const call = desk.call.getState().screenPop?.call ?? null;
      const agentInterface = selectAgent(desk.host.getState())?.agentInterface ?? null;
      const row = selectAgentRow(agentInterface)(wallboard.queue.getState());
      return {
        softphone: phone.setup === 'enabled',
        phoneCall: phone.phone.call.kind,
        deskCall: call ? { linkedid: call.linkedid, phase: call.phase } : null,
        agent: row && row.queues.length > 0 ? { paused: row.state === 'paused' || row.state === 'wrap-up' } : null,
        pauseReasons: selectQueueSettings(wallboard.queue.getState())?.pauseReasons ?? [],
      };
    };

    const carryOut = (action: HotkeyAction, command: HotkeyCommand) => {
      const phone = desk.softphone.actions;
      switch (command.kind) {
        case 'softphone':
          return phone[command.op]();
        case 'ami-hangup':
          return void wallboard.actions.hangup(command.linkedid);
        case 'ready':
          return void wallboard.actions.pauseSelf(false, null);
        case 'focus':
          return focusById(FOCUS_TARGETS[command.target]);
        case 'none': {
          const at = Date.now();
          desk.presence.store.setState((s) => keyNoted(s, action, command.why, at), true);
          setTimeout(() => desk.presence.store.setState((s) => keyNoteCleared(s, at), true), KEY_NOTE_MS);
        }
      }
    };
    const run = (action: HotkeyAction) => carryOut(action, hotkeyCommand(action, context()));

    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || typesCharacter(e) || (e.target instanceof Element && e.target.hasAttribute(CAPTURE_ATTRIBUTE))) return;
      const combo = comboOfKey(e);
      if (combo === HELP_KEY) {
        e.preventDefault();
        desk.presence.store.setState((s) => panelToggled(s, 'help'), true);
        return;
      }
      // Until the settings arrive (a few milliseconds after connecting), the default keys.
      const action = actionOfCombo(desk.presence.store.getState().view?.settings.hotkeys ?? DEFAULT_HOTKEYS, combo);
      if (action === null) return;
      e.preventDefault();
      run(action);
    };
    // Capture: a field's own handlers (the subject picker's lists) must not swallow a desk key.
    window.addEventListener('keydown', onKey, true);
    const offGlobal = desk.client.on('hotkey.pressed', ({ action }) => run(action));
    return () => {
      window.removeEventListener('keydown', onKey, true);
      offGlobal();
    };
  }, [desk, wallboard]);
}
