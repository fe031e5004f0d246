import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '../../../../core/call.js';
import { formatPhone } from '../../../../core/phone.js';
import { formatCount } from '../../shared/i18n/format.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import { callDismissed, selectScreenPop } from '../callStore.js';
import { historySummary, remaining, sameHistory } from '../callerHistory.js';
import { CallTimer } from './CallTimer.js';
import { CaseSummaryList } from './CaseSummaryList.js';
import { IncidentSuggestions } from './IncidentSuggestions.js';
import { RepeatCallFlag } from './RepeatCallFlag.js';
import { useFullHistory } from './useFullHistory.js';
import { useCallDesk, useCall } from '../deskPart.js';

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
  const ref = useRef<HTMLElement>(null);
  // A new call is seen from its top (number, repeat flag), even if the column was left scrolled
  // down to the last case's saved notice or the form's lower fields.
  useEffect(() => afterPaint(() => revealTop(ref.current)), [call.linkedid]);
  return (
    <section
      ref={ref}
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
          {formatPhone(call.callerNumber)}
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
      <IncidentSuggestions pop={pop} />
      <RepeatCallFlag pop={pop} />
      <CallerHistory pop={pop} />
    </section>
  );
}

/**
 * Runs `then` once the frame showing the current DOM has been painted. Measuring or scrolling
 * there finds layout already done; in the effect itself it would lay the whole desk out a second
 * time before the pop is first drawn (2–5 ms of every ring, more with a full case list).
 */
function afterPaint(then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(then, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * Scrolls the pop's top into view if it was left scrolled past: by its column, or by the window
 * in a narrow one, where the columns stack and the page scrolls.
 */
function revealTop(pop: HTMLElement | null): void {
  const column = pop?.parentElement;
  if (!pop || !column) return;
  const visibleFrom = Math.max(column.getBoundingClientRect().top, 0);
  if (pop.getBoundingClientRect().top < visibleFrom) pop.scrollIntoView?.({ block: 'start' });
}

/**
 * Open cases first (they still wait for someone: the operator sees them, with their SLA, before
 * saying a word), then the latest closed ones; the whole history only when asked for.
 */
const CallerHistory = memo(function CallerHistory({ pop }: { pop: ScreenPop }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const summary = historySummary(pop);
  const full = useFullHistory(pop, summary.all);
  if (summary.all === 0) {
    return (
      <p className="muted history-empty" data-testid="screen-pop-history" data-count={0}>
        {t('call.noHistory')}
      </p>
    );
  }
  if (full.history !== null) {
    const { history } = full;
    const left = remaining(history);
    return (
      <div className="history history-all" data-testid="screen-pop-history" data-count={summary.all} data-expanded="true">
        <h3>
          {t('call.allCases', { count: summary.all, total: formatCount(summary.all, lng) })}{' '}
          <button type="button" className="link" data-testid="screen-pop-collapse" onClick={full.close}>
            {t('call.collapse')}
          </button>
        </h3>
        <CaseSummaryList cases={history.rows} testId="screen-pop-all-case" />
        {history.loading && <p className="muted">{t('call.historyLoading')}</p>}
        {history.error !== null && (
          <p className="error" role="alert" data-testid="screen-pop-history-error">
            {t('call.historyFailed')}{' '}
            <button type="button" onClick={full.more}>
              {t('host.retry')}
            </button>
          </p>
        )}
        {!history.loading && history.error === null && left > 0 && (
          <button type="button" className="link" data-testid="screen-pop-show-more" onClick={full.more}>
            {t('call.showMore', { count: left, left: formatCount(left, lng) })}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="history" data-testid="screen-pop-history" data-count={summary.all}>
      {summary.openShown.length > 0 && (
        <>
          <h3>{t('call.openCases', { count: summary.open })}</h3>
          <CaseSummaryList cases={summary.openShown} testId="screen-pop-open-case" />
        </>
      )}
      {summary.recentShown.length > 0 && (
        <>
          <h3>{t('call.history')}</h3>
          <CaseSummaryList cases={summary.recentShown} testId="screen-pop-history-case" />
        </>
      )}
      {summary.hidden > 0 && (
        <button type="button" className="link show-all" data-testid="screen-pop-show-all" onClick={full.open}>
          {t('call.showAll', { count: summary.all, total: formatCount(summary.all, lng) })}
        </button>
      )}
    </div>
  );
}, (prev, next) => sameHistory(prev.pop, next.pop));

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
