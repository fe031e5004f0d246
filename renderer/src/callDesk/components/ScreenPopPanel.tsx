import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '../../../../core/call.js';
import { callDismissed, selectScreenPop } from '../callStore.js';
import { OPEN_STATUSES } from '../../cases/index.js';
import { CallTimer } from './CallTimer.js';
import { CaseSummaryList } from './CaseSummaryList.js';
import { RepeatCallFlag } from './RepeatCallFlag.js';
import { useCallDesk, useCall } from '../deskPart.js';

/** Cases that still wait for someone: the operator sees them, with their SLA, before saying a word. */
const OPEN = new Set<string>(OPEN_STATUSES);
const RECENT_SHOWN = 5;

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
        {/* In full: the operator may need to call back, and the PBX already shows it on the phone. */}
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
      <RepeatCallFlag pop={pop} />
      <CallerHistory pop={pop} />
    </section>
  );
}

function CallerHistory({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation();
  const open = pop.previousCases.filter((c) => OPEN.has(c.status));
  const recent = pop.previousCases.filter((c) => !OPEN.has(c.status)).slice(0, RECENT_SHOWN);
  if (pop.previousCases.length === 0) {
    return (
      <p className="muted history-empty" data-testid="screen-pop-history" data-count={0}>
        {t('call.noHistory')}
      </p>
    );
  }
  return (
    <div className="history" data-testid="screen-pop-history" data-count={pop.previousCases.length}>
      {open.length > 0 && (
        <>
          <h3>{t('call.openCases', { count: open.length })}</h3>
          <CaseSummaryList cases={open} testId="screen-pop-open-case" />
        </>
      )}
      {recent.length > 0 && (
        <>
          <h3>{t('call.history', { count: pop.previousCases.length - open.length })}</h3>
          <CaseSummaryList cases={recent} testId="screen-pop-history-case" />
        </>
      )}
    </div>
  );
}

function DismissButton({ linkedid }: { linkedid: string }) {
  const { t } = useTranslation();
  const desk = useCallDesk();
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
