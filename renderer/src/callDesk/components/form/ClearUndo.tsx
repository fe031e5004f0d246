import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPristine, type CaseDraft } from '../../caseDraft.js';
import { clearUndone, formCleared } from '../../caseFormStore.js';
import { newDraftId } from '../../draftId.js';
import { useCallDesk, useCaseForm } from '../../deskPart.js';

/** How long "Geri al" stays after "Temizle": long enough to notice a wrong click, short enough not to linger. */
export const UNDO_CLEAR_MS = 10_000;

/**
 * "Temizle" with a way back: the form starts over at once, and for a few seconds a line offers to
 * bring the cleared draft back. The offer goes when the time is up or the operator starts the next case.
 */
export function useClearWithUndo(undoMs = UNDO_CLEAR_MS) {
  const desk = useCallDesk();
  const [cleared, setCleared] = useState<{ draft: CaseDraft } | null>(null);
  const pristine = useCaseForm((s) => isPristine(s.draft));
  const offered = cleared !== null && pristine;

  useEffect(() => {
    if (cleared === null) return;
    const timer = setTimeout(() => setCleared(null), undoMs);
    return () => clearTimeout(timer);
  }, [cleared, undoMs]);
  useEffect(() => {
    if (cleared !== null && !pristine) setCleared(null);
  }, [cleared, pristine]);

  const clear = useCallback(() => {
    const before = desk.form.getState();
    if (before.saving) return;
    desk.form.setState((s) => formCleared(s, desk.call.getState().screenPop, newDraftId()), true);
    // Nothing of the operator's was lost: nothing to offer back.
    setCleared(isPristine(before.draft) ? null : { draft: before.draft });
  }, [desk]);

  const undo = useCallback(() => {
    if (cleared === null) return;
    desk.form.setState((s) => clearUndone(s, cleared.draft, newDraftId()), true);
    setCleared(null);
  }, [desk, cleared]);

  return { clear, undo, offered };
}

export function ClearUndoToast({ onUndo }: { onUndo: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="undo-toast" role="status" data-testid="clear-undo">
      <span>{t('form.cleared')}</span>
      <button type="button" data-testid="clear-undo-button" onClick={onUndo}>
        {t('form.undoClear')}
      </button>
    </div>
  );
}
