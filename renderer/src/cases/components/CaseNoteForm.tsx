import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../../core/case.js';
import { noteRefusal } from '../../../../core/caseRules.js';
import { selectRole } from '../../shared/state/hostStore.js';
import { useHost } from '../../shared/desk/deskContext.js';
import { addNote, NOTE_MAX, noteProblem, type NoteProblem } from '../caseNote.js';
import { useCasesDesk } from '../deskPart.js';

/**
 * "Not ekle" in the case detail: what was learned outside a repeat call (a unit phoned, the
 * citizen wrote) goes into the case's history and to the central server like a repeat call's
 * note. The detail gives it `key={caseId}`, so another case never inherits a half-written note.
 */
export function CaseNoteForm({ record }: { record: Pick<CaseRecord, 'id' | 'confidential'> }) {
  const { t } = useTranslation();
  const desk = useCasesDesk();
  const role = useHost(selectRole);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<NoteProblem | null>(null);
  const [added, setAdded] = useState(false);

  // Before the host's snapshot names the role, the narrowest one's rule applies; the host decides again.
  if (noteRefusal(role ?? 'operator', record) !== null) {
    return (
      <p className="muted" data-testid="case-note-refused">
        {t('caseNote.refused')}
      </p>
    );
  }

  const length = text.trim().length;
  // Too long is said while typing; empty only once the operator tries to add it.
  const shown = problem ?? (length > NOTE_MAX ? 'tooLong' : null);

  const submit = async () => {
    if (busy) return;
    setAdded(false);
    const early = noteProblem(text);
    if (early !== null) {
      setProblem(early);
      return;
    }
    setBusy(true);
    const refused = await addNote(desk.client, record.id, text);
    setBusy(false);
    setProblem(refused);
    if (refused === null) {
      setText('');
      setAdded(true);
      await desk.detail.reload();
    }
  };

  return (
    <section className="case-note" aria-labelledby="case-note-title" data-testid="case-note">
      <h3 id="case-note-title">{t('caseNote.title')}</h3>
      <label htmlFor="case-note-input" className="sr-only">
        {t('caseNote.label')}
      </label>
      <textarea
        id="case-note-input"
        data-testid="case-note-input"
        rows={3}
        value={text}
        readOnly={busy}
        placeholder={t('caseNote.placeholder')}
        aria-invalid={shown !== null}
        aria-describedby="case-note-count case-note-error"
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
          setAdded(false);
        }}
        onKeyDown={(e) => {
          // Ctrl+Enter adds the note here; it must not also save the case form behind (a window-wide key).
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.stopPropagation();
            void submit();
          }
        }}
      />
      <div className="case-note-actions">
        <button type="button" data-testid="case-note-submit" disabled={busy} aria-keyshortcuts="Control+Enter" onClick={() => void submit()}>
          {t('caseNote.submit')}
        </button>
        <span id="case-note-count" className={length > NOTE_MAX ? 'error' : 'muted'} data-testid="case-note-count">
          {t('caseNote.count', { count: length, max: NOTE_MAX })}
        </span>
        <span role="status" className="muted" data-testid="case-note-added">
          {busy ? t('caseNote.adding') : added ? t('caseNote.added') : ''}
        </span>
      </div>
      <p id="case-note-error" className="error" role="alert" data-testid="case-note-error" data-problem={shown ?? ''} hidden={shown === null}>
        {shown === null ? '' : t(`caseNote.problem.${shown}`, { max: NOTE_MAX })}
      </p>
    </section>
  );
}
