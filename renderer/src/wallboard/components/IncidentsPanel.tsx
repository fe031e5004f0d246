import { useId, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { Incident } from '../../../../core/incident.js';
import type { Surge } from '../../../../core/incidentSurge.js';
import { formatClock, formatCount, type WallboardLanguage } from '../format.js';
import type { WallboardT } from '../i18n.js';
import { closeKey, defaultSurgeMessage, surgeKey, unitForSubject, type IncidentBoard, type IncidentBoardState } from '../incidentBoard.js';
import { useWallboard } from './WallboardContext.js';

interface PanelProps {
  t: WallboardT;
  lng: WallboardLanguage;
  /** Declare and close (a team lead's own board); the TV and a watching desk only show. */
  actions: boolean;
}

/**
 * "Toplu olaylar": the active mass incidents with the calls they gathered in the last 15 minutes
 * and in all, what citizens are told, and the surges a team lead declares one from in one step.
 * Nothing until the host answers (a board that cannot read incidents).
 */
export function IncidentsPanel(props: PanelProps) {
  const board = useWallboard().incidents;
  if (!board) return null;
  return <IncidentsPanelOf board={board} {...props} />;
}

function IncidentsPanelOf({ board, t, lng, actions }: PanelProps & { board: IncidentBoard }) {
  const state = useStore(board.store);
  const titleId = useId();
  if (!state.loaded) return null;
  const subjectName = (code: string) => state.catalogue?.subjects.find((s) => s.code === code)?.name ?? code;
  return (
    <section className="wb-incidents" data-testid="wallboard-incidents" aria-labelledby={titleId}>
      <h2 className="wb-section-title" id={titleId}>
        {t('incidents.title')}
      </h2>
      {state.incidents.length === 0 ? (
        <p className="wb-muted" data-testid="wallboard-incidents-none">
          {t('incidents.none')}
        </p>
      ) : (
        <ul className="wb-incident-list">
          {state.incidents.map((incident) => (
            <IncidentRow key={incident.id} incident={incident} subject={subjectName(incident.subjectCode)} board={board} state={state} t={t} lng={lng} actions={actions} />
          ))}
        </ul>
      )}
      {state.surges.length > 0 && (
        <>
          <h3 className="wb-incidents-sub">{t('incidents.surges')}</h3>
          <ul className="wb-incident-list">
            {state.surges.map((surge) => (
              <SurgeRow key={surgeKey(surge)} surge={surge} board={board} state={state} t={t} lng={lng} actions={actions} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface RowProps {
  board: IncidentBoard;
  state: IncidentBoardState;
  t: WallboardT;
  lng: WallboardLanguage;
  actions: boolean;
}

function Problem({ state, actionKey, t }: { state: IncidentBoardState; actionKey: string; t: WallboardT }) {
  if (state.problem?.key !== actionKey) return null;
  return (
    <p className="wb-incident-error" role="alert" data-testid="wallboard-incident-error">
      {t(`incidents.errors.${state.problem.code}`)}
    </p>
  );
}

function IncidentRow({ incident, subject, board, state, t, lng, actions }: RowProps & { incident: Incident; subject: string }) {
  const [closing, setClosing] = useState(false);
  const [resolution, setResolution] = useState('');
  const inputId = useId();
  const key = closeKey(incident.id);
  const busy = state.busy !== null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (resolution.trim() === '') return;
    if (await board.close(incident.id, resolution.trim())) setClosing(false);
  };
  return (
    <li className="wb-incident" data-testid="wallboard-incident" data-incident-id={incident.id}>
      <div className="wb-incident-head">
        <strong>{subject}</strong>
        <span>{incident.districts.join(', ')}</span>
        <span className="wb-muted">{t('incidents.since', { time: formatClock(Date.parse(incident.startsAt), lng) })}</span>
      </div>
      <dl className="wb-incident-figures">
        <div>
          <dt>{t('incidents.recent')}</dt>
          <dd className="wb-num" data-testid="wallboard-incident-recent">
            {formatCount(incident.attachedRecently, lng)}
          </dd>
        </div>
        <div>
          <dt>{t('incidents.total')}</dt>
          <dd className="wb-num" data-testid="wallboard-incident-total">
            {formatCount(incident.attachedCount, lng)}
          </dd>
        </div>
      </dl>
      <p className="wb-incident-message">
        <span className="wb-muted">{t('incidents.tell')}</span> {incident.message}
      </p>
      {actions && !closing && (
        <button type="button" data-testid="incident-close" aria-label={t('incidents.closeTitle', { subject })} onClick={() => setClosing(true)} disabled={busy}>
          {t('incidents.close')}
        </button>
      )}
      {actions && closing && (
        <form className="wb-incident-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor={inputId}>{t('incidents.resolution')}</label>
          <input id={inputId} type="text" required maxLength={2000} data-testid="incident-resolution" value={resolution} onChange={(e) => setResolution(e.target.value)} />
          <button type="submit" data-testid="incident-close-confirm" disabled={busy || resolution.trim() === ''}>
            {state.busy === key ? t('incidents.busy') : t('incidents.closeConfirm')}
          </button>
          <button type="button" onClick={() => setClosing(false)}>
            {t('incidents.cancel')}
          </button>
        </form>
      )}
      <Problem state={state} actionKey={key} t={t} />
    </li>
  );
}

function SurgeRow({ surge, board, state, t, lng, actions }: RowProps & { surge: Surge }) {
  const [message, setMessage] = useState(() => defaultSurgeMessage(surge));
  const inputId = useId();
  const key = surgeKey(surge);
  const noUnit = state.catalogue !== null && unitForSubject(state.catalogue, surge.subjectCode) === null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void board.declare(surge, message);
  };
  return (
    <li className="wb-incident wb-surge" data-testid="wallboard-surge" data-subject={surge.subjectCode} data-district={surge.district}>
      <div className="wb-incident-head">
        <strong>{surge.subjectName}</strong>
        <span>
          {t('incidents.surgeCases', {
            district: surge.district,
            cases: formatCount(surge.caseNumbers.length, lng),
            from: formatClock(Date.parse(surge.firstAt), lng),
            to: formatClock(Date.parse(surge.lastAt), lng),
            rule: formatCount(surge.rule.cases, lng),
            minutes: formatCount(surge.rule.minutes, lng),
          })}
        </span>
      </div>
      {actions && (
        <form className="wb-incident-form" onSubmit={submit}>
          <label htmlFor={inputId}>{t('incidents.surgeMessage')}</label>
          <input id={inputId} type="text" maxLength={1000} data-testid="surge-message" value={message} onChange={(e) => setMessage(e.target.value)} />
          <button type="submit" data-testid="surge-declare" disabled={state.busy !== null || noUnit}>
            {state.busy === key ? t('incidents.busy') : t('incidents.declare')}
          </button>
        </form>
      )}
      {actions && noUnit && <p className="wb-incident-error">{t('incidents.noUnit')}</p>}
      <Problem state={state} actionKey={key} t={t} />
    </li>
  );
}
