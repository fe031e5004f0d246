import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../shared/ui/hooks.js';
import { formCleared, restoredNoticeClosed, selectRestored } from '../../caseFormStore.js';
import { newDraftId } from '../../draftId.js';
import { formatDateTime, formatTime } from '../../../shared/i18n/format.js';
import { useCallDesk, useCaseForm, useDraftSave } from '../../deskPart.js';

/** Said once after a restart: the form holds a draft that was never saved as a case. */
export function DraftRestoredNotice() {
  const { t } = useTranslation();
  const desk = useCallDesk();
  const lng = useLanguage();
  const restored = useCaseForm(selectRestored);
  if (restored === null) return null;
  // Clearing gives the form a new draft id; autosave then discards the restored draft on the host.
  const discard = () => desk.form.setState((s) => formCleared(s, desk.call.getState().screenPop, newDraftId()), true);
  return (
    <div className="notice" role="status" data-testid="draft-restored">
      <span>{t('draft.restored', { time: formatDateTime(restored.savedAt, lng) })}</span>
      <button type="button" onClick={() => desk.form.setState(restoredNoticeClosed, true)} data-testid="draft-keep">
        {t('draft.keep')}
      </button>
      <button type="button" className="danger" onClick={discard} data-testid="draft-discard">
        {t('draft.discard')}
      </button>
    </div>
  );
}

/** A quiet line in the form's head: the draft is safe on the host (or is not). */
export function DraftStatus() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const state = useDraftSave((s) => s);
  let text = '';
  if (state.status === 'pending') text = t('draft.pending');
  else if (state.status === 'saved') text = t('draft.saved', { time: formatTime(state.savedAt, lng) });
  else if (state.status === 'failed') text = t('draft.failed');
  return (
    <span className={`draft-status draft-status--${state.status}`} data-testid="draft-status" data-state={state.status} aria-live="polite">
      {text}
    </span>
  );
}
