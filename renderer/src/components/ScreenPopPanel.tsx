import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '../../../core/call.js';
import { useDesk } from '../app/DeskContext.js';
import { useCall, useLanguage } from '../app/hooks.js';
import { formatDate } from '../i18n/format.js';
import { callDismissed, selectScreenPop } from '../state/callStore.js';
import { CallTimer } from './CallTimer.js';
import { StatusBadge } from './StatusBadge.js';

export function ScreenPopPanel() {
  const { t } = useTranslation();
  const pop = useCall(selectScreenPop);
  if (!pop) {
    return (
      <section className="panel screen-pop screen-pop--idle" data-testid="screen-pop-idle">
        <p className="muted">{t('call.idle')}</p>
      </section>
    );
  }
  return <ActiveScreenPop pop={pop} />;
}

function ActiveScreenPop({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation();
  const { call } = pop;
  const name = pop.knownName ?? call.callerName;
  return (
    <section
      className={`panel screen-pop screen-pop--${call.phase}`}
      data-testid="screen-pop"
      data-phase={call.phase}
      data-linkedid={call.linkedid}
      aria-label={t('call.title')}
    >
      <div className="screen-pop-head">
        <span className={`phase phase--${call.phase}`} data-testid="screen-pop-phase">
          {t(`call.phase.${call.phase}`)}
        </span>
        <CallTimer call={call} />
        <span className="muted queue">{t('call.queue', { queue: call.queue })}</span>
        {call.phase === 'ended' && <DismissButton linkedid={call.linkedid} />}
      </div>
      <div className="caller">
        <span className="sr-only">{t('call.callerLabel')}: </span>
        <span className="caller-number" data-testid="screen-pop-caller">
          {call.callerNumber}
        </span>
        <span className="caller-name" data-testid="screen-pop-name">
          {name ?? <span className="muted">{t('call.unknownName')}</span>}
        </span>
        {name && (
          <span className="muted name-source">
            {pop.knownName ? t('call.nameFromRecords') : t('call.nameFromPbx')}
          </span>
        )}
      </div>
      <CallerHistory pop={pop} />
    </section>
  );
}

function CallerHistory({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  if (pop.previousCases.length === 0) {
    return (
      <p className="muted history-empty" data-testid="screen-pop-history" data-count={0}>
        {t('call.noHistory')}
      </p>
    );
  }
  return (
    <div className="history" data-testid="screen-pop-history" data-count={pop.previousCases.length}>
      <h3>{t('call.history', { count: pop.previousCases.length })}</h3>
      <ul>
        {pop.previousCases.map((c) => (
          <li key={c.id} data-testid="screen-pop-history-case">
            <span className="history-date">{formatDate(c.createdAt, lng)}</span>
            <span className="history-subject">{c.subject}</span>
            <StatusBadge status={c.status} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function DismissButton({ linkedid }: { linkedid: string }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const dismiss = async () => {
    setBusy(true);
    setFailed(false);
    const result = await desk.client.call('call.dismiss', { linkedid });
    setBusy(false);
    if (result.ok) desk.call.setState((s) => callDismissed(s, linkedid), true);
    else setFailed(true);
  };
  return (
    <>
      <button type="button" className="dismiss" data-testid="screen-pop-dismiss" disabled={busy} onClick={() => void dismiss()}>
        {t('call.dismiss')}
      </button>
      {failed && (
        <span className="error" role="alert">
          {t('errors.dismissFailed')}
        </span>
      )}
    </>
  );
}
