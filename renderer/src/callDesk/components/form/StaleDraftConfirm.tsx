import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseOutcome } from '../../../../../core/case.js';
import { formatPhone } from '../../../../../core/phone.js';
import { saveShortcut } from '../../../shared/ui/shortcuts.js';
import type { StaleDraft } from '../../staleDraft.js';

interface Props {
  stale: StaleDraft;
  outcome: CaseOutcome;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asked once before a draft written for another caller is saved while a new call is on screen:
 * both numbers side by side. Keyboard: the focus starts on "Vazgeç" (Enter on it is the safe
 * choice), Tab moves between the two buttons, Esc cancels, the save shortcut again confirms.
 */
export function StaleDraftConfirm({ stale, outcome, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The operator's caret goes back where it was: the question interrupts, it does not move them.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => before?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (saveShortcut(e.nativeEvent) !== null) {
      e.preventDefault();
      e.stopPropagation();
      onConfirm();
    } else if (e.key === 'Tab') {
      // Two buttons, and the focus stays between them while the question is open.
      e.preventDefault();
      (document.activeElement === cancelRef.current ? confirmRef : cancelRef).current?.focus();
    }
  };

  return (
    <div className="stale-draft-backdrop">
      <div
        className="stale-draft panel"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        data-testid="stale-draft-confirm"
        data-outcome={outcome}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{t('stale.title')}</h2>
        <div id={bodyId}>
          <dl className="stale-draft-numbers">
            <div>
              <dt>{t('stale.draftNumber')}</dt>
              <dd className="mono" data-testid="stale-draft-number">
                {stale.draftNumber === null ? t('stale.noNumber') : formatPhone(stale.draftNumber)}
              </dd>
            </div>
            <div>
              <dt>{t('stale.callerNumber')}</dt>
              <dd className="mono" data-testid="stale-caller-number">
                {formatPhone(stale.callerNumber)}
              </dd>
            </div>
          </dl>
          <p>{t(outcome === 'resolved' ? 'stale.explainResolved' : 'stale.explainForwarded')}</p>
        </div>
        <div className="stale-draft-actions">
          <button ref={confirmRef} type="button" className="primary" data-testid="stale-draft-save" onClick={onConfirm} aria-keyshortcuts={outcome === 'resolved' ? 'Control+Enter' : 'Control+Shift+Enter'}>
            {t('stale.save')} <kbd>{outcome === 'resolved' ? 'Ctrl+Enter' : 'Ctrl+Shift+Enter'}</kbd>
          </button>
          <button ref={cancelRef} type="button" data-testid="stale-draft-cancel" onClick={onCancel} aria-keyshortcuts="Escape">
            {t('stale.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
