import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Catalogue } from '../../../../core/catalogue.js';
import { subjectPath } from '../../../../core/catalogue/lookup.js';
import { useStore } from 'zustand';
import type { Incident } from '../../../../core/incident.js';
import type { Surge } from '../../../../core/incidentSurge.js';
import { formatClock, formatCount, type WallboardLanguage } from '../format.js';
import type { WallboardT } from '../i18n.js';
import {
  closeKey,
  defaultSurgeMessage,
  fieldErrorsOfIssues,
  incidentInputFromDraft,
  MESSAGE_MAX,
  NEW_INCIDENT_KEY,
  surgeKey,
  unitForSubject,
  type IncidentBoard,
  type IncidentBoardState,
  type IncidentField,
  type IncidentFieldError,
} from '../incidentBoard.js';
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
      {actions && state.catalogue !== null && <NewIncident board={board} state={state} catalogue={state.catalogue} t={t} />}
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

type FieldErrors = Partial<Record<IncidentField, IncidentFieldError>>;

/** "Yeni toplu olay": the button, and the form it opens in place (focus goes to the subject, back to the button on cancel). */
function NewIncident({ board, state, catalogue, t }: { board: IncidentBoard; state: IncidentBoardState; catalogue: Catalogue; t: WallboardT }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (!open && returnFocus.current) {
      returnFocus.current = false;
      buttonRef.current?.focus();
    }
  }, [open]);
  if (!open) {
    return (
      <div className="wb-incident-new">
        <button type="button" ref={buttonRef} data-testid="incident-new" onClick={() => setOpen(true)} disabled={state.busy !== null}>
          {t('incidents.form.new')}
        </button>
      </div>
    );
  }
  const close = () => {
    returnFocus.current = true;
    setOpen(false);
  };
  return <IncidentForm board={board} state={state} catalogue={catalogue} t={t} onDone={close} onCancel={close} />;
}

interface FormProps {
  board: IncidentBoard;
  state: IncidentBoardState;
  catalogue: Catalogue;
  t: WallboardT;
  onDone: () => void;
  onCancel: () => void;
}

/** The declaration by hand; exported for its render test. */
export function IncidentForm({ board, state, catalogue, t, onDone, onCancel }: FormProps) {
  const [subjectCode, setSubjectCode] = useState('');
  const [unitCode, setUnitCode] = useState('');
  /** Once the lead picks a unit, a later subject no longer replaces it. */
  const [unitChosen, setUnitChosen] = useState(false);
  const [districts, setDistricts] = useState<readonly string[]>([]);
  const [neighbourhoods, setNeighbourhoods] = useState<readonly string[]>([]);
  const [message, setMessage] = useState('');
  const [expectedEnd, setExpectedEnd] = useState('');
  const [queues, setQueues] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  /** The host's refusal is shown only for what this form sent. */
  const [sent, setSent] = useState(false);
  const subjectRef = useRef<HTMLSelectElement>(null);
  const id = useId();
  const ids = {
    subject: `${id}-subject`,
    unit: `${id}-unit`,
    districts: `${id}-districts`,
    neighbourhoods: `${id}-neighbourhoods`,
    message: `${id}-message`,
    expectedEnd: `${id}-end`,
    queues: `${id}-queues`,
  } satisfies Record<IncidentField, string>;
  useEffect(() => subjectRef.current?.focus(), []);

  const subjects = useMemo(
    () =>
      catalogue.subjects
        .map((s) => ({ code: s.code, label: subjectPath(catalogue, s.code).map((p) => p.name).join(' › ') }))
        .sort((a, b) => a.label.localeCompare(b.label, 'tr')),
    [catalogue],
  );
  const units = useMemo(() => [...catalogue.units].sort((a, b) => a.name.localeCompare(b.name, 'tr')), [catalogue]);
  const chosenDistricts = catalogue.districts.filter((d) => districts.includes(d.name));

  const busy = state.busy === NEW_INCIDENT_KEY;
  const problem = sent && state.problem?.key === NEW_INCIDENT_KEY ? state.problem : null;
  const hostErrors = problem ? fieldErrorsOfIssues(problem.issues) : {};
  const errorOf = (field: IncidentField): IncidentFieldError | undefined => errors[field] ?? hostErrors[field];

  const pickSubject = (code: string) => {
    setSubjectCode(code);
    if (!unitChosen) setUnitCode(code === '' ? '' : (unitForSubject(catalogue, code) ?? ''));
    setErrors(({ subject: _s, ...rest }) => rest);
  };
  const toggleDistrict = (name: string, on: boolean) => {
    const next = on ? [...districts, name] : districts.filter((d) => d !== name);
    setDistricts(next);
    if (!on) {
      // The neighbourhoods only the dropped district had go with it.
      const kept = new Set(catalogue.districts.filter((d) => next.includes(d.name)).flatMap((d) => d.neighbourhoods));
      setNeighbourhoods((ns) => ns.filter((n) => kept.has(n)));
    }
    setErrors(({ districts: _d, ...rest }) => rest);
  };
  const toggleNeighbourhood = (name: string, on: boolean) => setNeighbourhoods((ns) => (on ? [...ns.filter((n) => n !== name), name] : ns.filter((n) => n !== name)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.busy !== null) return;
    const checked = incidentInputFromDraft({ subjectCode, unitCode, districts, neighbourhoods, message, expectedEnd, announceQueues: queues });
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = (['subject', 'unit', 'districts', 'message', 'expectedEnd', 'queues'] as const).find((f) => checked.errors[f]);
      if (first) document.getElementById(first === 'districts' ? `${ids.districts}-0` : ids[first])?.focus();
      return;
    }
    setErrors({});
    setSent(true);
    if (await board.declareIncident(checked.input)) onDone();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) {
      event.stopPropagation();
      onCancel();
    }
  };
  const fieldError = (field: IncidentField) => {
    const error = errorOf(field);
    if (!error) return null;
    return (
      <span className="wb-incident-error" id={`${ids[field]}-error`} data-testid={`incident-form-error-${field}`}>
        {t(`incidents.form.errors.${error}`)}
      </span>
    );
  };
  const described = (field: IncidentField) => (errorOf(field) ? { 'aria-invalid': true as const, 'aria-describedby': `${ids[field]}-error` } : {});

  return (
    <form className="wb-incident-new-form" data-testid="incident-form" aria-label={t('incidents.form.title')} noValidate onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown}>
      <h3 className="wb-incidents-sub">{t('incidents.form.title')}</h3>
      <div className="wb-incident-field">
        <label htmlFor={ids.subject}>{t('incidents.form.subject')}</label>
        <select id={ids.subject} ref={subjectRef} required data-testid="incident-form-subject" value={subjectCode} onChange={(e) => pickSubject(e.target.value)} {...described('subject')}>
          <option value="">{t('incidents.form.choose')}</option>
          {subjects.map((s) => (
            <option key={s.code} value={s.code}>
              {s.label}
            </option>
          ))}
        </select>
        {fieldError('subject')}
      </div>
      <div className="wb-incident-field">
        <label htmlFor={ids.unit}>{t('incidents.form.unit')}</label>
        <select
          id={ids.unit}
          required
          data-testid="incident-form-unit"
          value={unitCode}
          onChange={(e) => {
            setUnitCode(e.target.value);
            setUnitChosen(e.target.value !== '');
            setErrors(({ unit: _u, ...rest }) => rest);
          }}
          {...described('unit')}
        >
          <option value="">{t('incidents.form.choose')}</option>
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </select>
        {fieldError('unit')}
      </div>
      <fieldset className="wb-incident-field wb-incident-places" {...described('districts')}>
        <legend>{t('incidents.form.districts')}</legend>
        <div className="wb-incident-checks">
          {catalogue.districts.map((d, i) => (
            <label key={d.name}>
              <input
                type="checkbox"
                id={`${ids.districts}-${i}`}
                data-testid="incident-form-district"
                data-district={d.name}
                checked={districts.includes(d.name)}
                onChange={(e) => toggleDistrict(d.name, e.target.checked)}
              />
              {d.name}
            </label>
          ))}
        </div>
        {fieldError('districts')}
      </fieldset>
      {chosenDistricts.length > 0 && (
        <fieldset className="wb-incident-field wb-incident-places" {...described('neighbourhoods')}>
          <legend>{t('incidents.form.neighbourhoods')}</legend>
          {chosenDistricts.map((d) => (
            <div key={d.name} className="wb-incident-hood-group" role="group" aria-label={d.name}>
              <span className="wb-muted">{d.name}</span>
              <div className="wb-incident-checks">
                {d.neighbourhoods.map((n) => (
                  <label key={n}>
                    <input type="checkbox" data-testid="incident-form-neighbourhood" data-neighbourhood={n} checked={neighbourhoods.includes(n)} onChange={(e) => toggleNeighbourhood(n, e.target.checked)} />
                    {n}
                  </label>
                ))}
              </div>
            </div>
          ))}
          {fieldError('neighbourhoods')}
        </fieldset>
      )}
      <div className="wb-incident-field">
        <label htmlFor={ids.message}>{t('incidents.form.message')}</label>
        <textarea
          id={ids.message}
          required
          rows={3}
          maxLength={MESSAGE_MAX}
          data-testid="incident-form-message"
          value={message}
          onChange={(e) => {
            setMessage(e.target.value);
            setErrors(({ message: _m, ...rest }) => rest);
          }}
          {...described('message')}
        />
        {fieldError('message')}
      </div>
      <div className="wb-incident-field">
        <label htmlFor={ids.expectedEnd}>{t('incidents.form.expectedEnd')}</label>
        <input id={ids.expectedEnd} type="datetime-local" data-testid="incident-form-end" value={expectedEnd} onChange={(e) => setExpectedEnd(e.target.value)} {...described('expectedEnd')} />
        {fieldError('expectedEnd')}
      </div>
      <div className="wb-incident-field">
        <label htmlFor={ids.queues}>{t('incidents.form.queues')}</label>
        <input id={ids.queues} type="text" data-testid="incident-form-queues" value={queues} onChange={(e) => setQueues(e.target.value)} {...described('queues')} />
        {fieldError('queues')}
      </div>
      <div className="wb-incident-form">
        <button type="submit" data-testid="incident-form-submit" disabled={state.busy !== null} aria-busy={busy}>
          {busy ? t('incidents.busy') : t('incidents.form.submit')}
        </button>
        <button type="button" data-testid="incident-form-cancel" onClick={onCancel} disabled={busy}>
          {t('incidents.cancel')}
        </button>
      </div>
      {problem && (
        <p className="wb-incident-error" role="alert" data-testid="wallboard-incident-error">
          {t(`incidents.errors.${problem.code}`)}
        </p>
      )}
    </form>
  );
}
