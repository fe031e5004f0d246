import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { ScreenPop } from '../../../../core/call.js';
import type { IncidentSuggestion } from '../../../../core/incident.js';
import { formatCount, formatDateTime } from '../../shared/i18n/format.js';
import { useCatalogue } from '../../shared/desk/deskContext.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import {
  altDigitIndex,
  attachDone,
  attachFailed,
  attachKeyLabel,
  attachProblemOf,
  attachStarted,
  initialAttachState,
  mergeSuggestions,
  type AttachState,
} from '../incidentSuggestions.js';
import { useCallDesk, useCaseForm } from '../deskPart.js';

/**
 * Mass incidents this caller may be calling about, at the top of the pop: what to tell them, and
 * one key (Alt+1..9) to save the call under the incident. Nothing when none matches.
 */
export function IncidentSuggestions({ pop }: { pop: ScreenPop }) {
  const desk = useCallDesk();
  const list = useStore(desk.incidents, (s) => s);
  const subjectCode = useCaseForm((s) => s.draft.subjectCode);
  const suggestions = useMemo(() => mergeSuggestions(pop, list, subjectCode, new Date()), [pop, list, subjectCode]);
  if (suggestions.length === 0) return null;
  // A new call starts a new box: what was attached during the last one is not this caller's.
  return <IncidentBox key={pop.call.linkedid} suggestions={suggestions} />;
}

function IncidentBox({ suggestions }: { suggestions: IncidentSuggestion[] }) {
  const { t } = useTranslation();
  const desk = useCallDesk();
  const titleId = useId();
  const [note, setNote] = useState('');
  const [state, setState] = useState<AttachState>(initialAttachState);
  const busy = useRef(false);

  const attach = async (index: number) => {
    const suggestion = suggestions[index];
    if (!suggestion || busy.current) return;
    busy.current = true;
    setState(attachStarted);
    const text = note.trim();
    const result = await desk.client.call('incidents.attach', { incidentId: suggestion.incident.id, note: text === '' ? null : text });
    busy.current = false;
    if (result.ok) {
      setState((s) => attachDone(s, suggestion.incident.id, result.value));
      setNote('');
      desk.caseWritten(result.value.case);
    } else {
      setState((s) => attachFailed(s, attachProblemOf(result.error)));
    }
  };
  // The window's keys reach the latest suggestions and note without re-subscribing on every keystroke.
  const attachRef = useRef(attach);
  attachRef.current = attach;
  const count = suggestions.length;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const index = altDigitIndex(event);
      if (index === null || index >= count) return;
      event.preventDefault();
      void attachRef.current(index);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count]);

  return (
    <section className="incident-box" aria-labelledby={titleId} data-testid="incident-suggestions" data-busy={state.busy}>
      <h3 id={titleId} className="incident-box-title">
        {t('incident.title')}
      </h3>
      <ol className="incident-list">
        {suggestions.map((s, i) => (
          <SuggestionItem key={s.incident.id} suggestion={s} index={i} attached={s.incident.id in state.attached} busy={state.busy} onAttach={() => void attach(i)} />
        ))}
      </ol>
      <label className="incident-note">
        <span>{t('incident.note')}</span>
        <input type="text" data-testid="incident-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
      <AttachResult state={state} />
    </section>
  );
}

function SuggestionItem({ suggestion, index, attached, busy, onAttach }: { suggestion: IncidentSuggestion; index: number; attached: boolean; busy: boolean; onAttach: () => void }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const { incident, reason } = suggestion;
  const subject = useCatalogue((c) => c.subjectsByCode.get(incident.subjectCode)?.name ?? incident.subjectCode);
  const key = attachKeyLabel(index);
  const alreadyAttached = reason === 'attached' || attached;
  const place = incident.neighbourhoods.length > 0 ? `${incident.districts.join(', ')} (${incident.neighbourhoods.join(', ')})` : incident.districts.join(', ');
  return (
    <li className={`incident-item${alreadyAttached ? ' incident-item--attached' : ''}`} data-testid="incident-suggestion" data-incident-id={incident.id} data-reason={reason} data-attached={attached}>
      <div className="incident-head">
        <kbd className="incident-key">{key}</kbd>
        <strong className="incident-subject">{subject}</strong>
        <span className="incident-place">{place}</span>
        <span className="incident-reason muted">{t(`incident.reason.${reason}`)}</span>
      </div>
      <p className="incident-message">
        <span className="incident-message-label">{t('incident.tellCitizen')}</span> <span data-testid="incident-message">{incident.message}</span>
      </p>
      <p className="incident-meta muted">
        {incident.expectedEndAt === null ? t('incident.noExpectedEnd') : t('incident.expectedEnd', { time: formatDateTime(incident.expectedEndAt, lng) })}
        {' · '}
        <span data-testid="incident-calls">{t('incident.calls', { total: formatCount(incident.attachedCount, lng) })}</span>
      </p>
      {reason === 'attached' && <p className="incident-already">{t('incident.alreadyAttached')}</p>}
      {attached && reason !== 'attached' && <p className="incident-already">{t('incident.attachedNow')}</p>}
      <button type="button" className="incident-attach" data-testid="incident-attach" aria-keyshortcuts={key} disabled={busy} onClick={onAttach}>
        {alreadyAttached ? t('incident.addNote', { key }) : t('incident.attach', { key })}
      </button>
    </li>
  );
}

function AttachResult({ state }: { state: AttachState }) {
  const { t } = useTranslation();
  if (state.problem !== null) {
    return (
      <p className="error" role="alert" data-testid="incident-error" data-problem={state.problem}>
        {t(`incident.error.${state.problem}`)}
      </p>
    );
  }
  if (state.last === null) return null;
  const { attachment, incidentId } = state.last;
  const record = attachment.case;
  if (attachment.repeat || attachment.securityCode === null) {
    return (
      <p className="incident-result" role="status" data-testid="incident-attached" data-incident-id={incidentId} data-repeat="true" data-application-no={record.applicationNo}>
        {t('incident.addedToEarlier', { number: record.applicationNo })}
      </p>
    );
  }
  return (
    <div className="incident-result" role="status" data-testid="incident-attached" data-incident-id={incidentId} data-repeat="false" data-application-no={record.applicationNo}>
      <p>{t('incident.saved')}</p>
      <dl className="readout">
        <div>
          <dt>{t('done.number')}</dt>
          <dd className="readout-value" data-testid="incident-case-number">
            {record.applicationNo}
          </dd>
        </div>
        <div>
          <dt>{t('done.securityCode')}</dt>
          <dd className="readout-value" data-testid="incident-security-code">
            {attachment.securityCode}
          </dd>
        </div>
      </dl>
      <p className="muted">{t('done.readOut')}</p>
    </div>
  );
}
