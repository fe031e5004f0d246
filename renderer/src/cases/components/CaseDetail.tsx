import { memo, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DialButton } from '../../softphone/index.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import type { CaseDetailData } from '../caseDetail.js';
import { formatDateTime, formatDuration } from '../../shared/i18n/format.js';
import { subjectPathText } from '../../shared/catalogue/subjectOptions.js';
import { mayRevealTcKimlikNo, phoneShown, tcKimlikShown } from '../../shared/privacy/personalData.js';
import { selectCatalogue, unitOf } from '../../shared/catalogue/catalogueStore.js';
import { selectRole } from '../../shared/state/hostStore.js';
import { AttachmentsSection } from './AttachmentsSection.js';
import { CallbackRequest } from '../../callbacks/index.js';
import { CaseTimeline } from './CaseTimeline.js';
import { CaseNoteForm } from './CaseNoteForm.js';
import { SlaBadge } from '../../shared/ui/SlaBadge.js';
import { dueAtUnchecked } from '../../../../core/sla.js';
import { StatusBadge } from '../../shared/ui/StatusBadge.js';
import { UrgentMarker } from '../../shared/ui/UrgentMarker.js';
import { useCasesDesk, useDetail } from '../deskPart.js';
import { useCatalogue, useHost } from '../../shared/desk/deskContext.js';

/**
 * One case in full, over the case list (the list keeps its place underneath). Esc or "close"
 * returns to the list, and the keyboard focus to where it was.
 */
/** Memoised: it follows its own stores, not the shell's re-renders (a screen-pop re-renders the shell). */
export const CaseDetail = memo(function CaseDetail() {
  const { t } = useTranslation();
  const desk = useCasesDesk();
  const openId = useDetail((s) => s.openId);
  const data = useDetail((s) => s.data);
  const loading = useDetail((s) => s.loading);
  const error = useDetail((s) => s.error);
  const heading = useRef<HTMLHeadingElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (openId === null) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
  }, [openId]);

  if (openId === null) return null;
  const close = () => {
    desk.detail.close();
    returnTo.current?.focus();
  };

  return (
    <section
      className="panel case-detail"
      role="dialog"
      aria-modal="false"
      aria-labelledby="case-detail-title"
      aria-busy={loading}
      data-testid="case-detail"
      data-case-id={openId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          close();
        }
      }}
    >
      <div className="case-detail-head">
        <h2 id="case-detail-title" ref={heading} tabIndex={-1}>
          {data ? <span className="mono">{data.case.applicationNo}</span> : t('detail.title')}
        </h2>
        {data?.case.urgent && <UrgentMarker />}
        {data && <StatusBadge status={data.case.status} />}
        {data && <SlaBadge record={data.case} />}
        <button type="button" className="dismiss" onClick={close} data-testid="case-detail-close" aria-keyshortcuts="Escape">
          {t('detail.close')} <kbd>Esc</kbd>
        </button>
      </div>
      {error && (
        <p className="error form-error" role="alert" data-testid="case-detail-error">
          {t(`errors.form.${error}`)}
        </p>
      )}
      {loading && !data && <p className="muted">{t('cases.loading')}</p>}
      {data && <CaseFields data={data} />}
      {data && <CaseTimeline history={data.history} />}
      {data && <CaseNoteForm key={data.case.id} record={data.case} />}
      {data && <AttachmentsSection attachments={data.attachments} />}
      {data && data.case.phone !== null && <CallbackRequest key={data.case.id} caseId={data.case.id} />}
    </section>
  );
});

function CaseFields({ data }: { data: CaseDetailData }) {
  const { t } = useTranslation();
  const callRecordText = (call: NonNullable<CaseDetailData['call']>): string => {
    const seconds = (s: number | null) => (s === null ? t('detail.callRecordWaitUnknown') : formatDuration(s * 1000));
    return call.answeredAt === null
      ? t('detail.callRecordMissed', { queue: call.queue })
      : t('detail.callRecordText', { queue: call.queue, wait: seconds(call.queueWaitSec), talk: seconds(call.talkSec) });
  };
  const desk = useCasesDesk();
  const lng = useLanguage();
  const role = useHost(selectRole);
  const revealed = useDetail((s) => s.revealed);
  const loading = useDetail((s) => s.loading);
  const catalogue = useCatalogue(selectCatalogue);
  const unit = useCatalogue((s) => unitOf(s, data.case.unitCode));
  const c = data.case;
  const path = subjectPathText(catalogue, c.subjectCode);
  const tc = tcKimlikShown(c.tcKimlikNo, revealed);
  const address = c.address
    ? [c.address.district, c.address.neighbourhood, c.address.street, c.address.detail].filter((p) => p !== null).join(', ')
    : null;
  const dash = '—';

  const rows: [string, ReactNode, string?][] = [
    [t('form.subject'), path ?? c.subject],
    [t('form.type'), t(`case.type.${c.type}`)],
    [t('form.channel'), t(`case.channel.${c.channel}`)],
    [t('search.unit'), unit?.name ?? c.unitCode ?? dash],
    [t('form.priority'), t(`case.priority.${c.priority}`)],
    [t('form.confidential'), c.confidential ? t('form.confidentialYes') : t('form.confidentialNo')],
    [t('detail.createdAt'), formatDateTime(c.createdAt, lng)],
    [t('detail.updatedAt'), formatDateTime(c.updatedAt, lng)],
    [t('detail.dueAt'), c.dueAt ? `${formatDateTime(c.dueAt, lng)}${dueAtUnchecked(c) ? ` (${t('sla.unchecked')})` : ''}` : dash],
    [t('detail.firstContact'), c.firstContactResolution ? t('form.confidentialYes') : t('form.confidentialNo')],
    [t('form.citizenName'), c.citizenName ?? dash],
    [
      t('form.phone'),
      c.phone === null ? (
        dash
      ) : (
        <>
          {phoneShown(c.phone, role, 'detail')} <DialButton number={c.phone} />
        </>
      ),
      'case-detail-phone',
    ],
    [t('form.address'), address || dash],
    [t('detail.call'), c.linkedid ?? dash],
    ...(data.call === null ? [] : [[t('detail.callRecord'), callRecordText(data.call), 'case-detail-call-record'] as [string, ReactNode, string]]),
  ];

  return (
    <div className="case-fields">
      <dl className="detail-grid">
        {rows.map(([label, value, testId]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
        <div>
          <dt>{t('detail.tcKimlikNo')}</dt>
          <dd>
            <span className="mono" data-testid="case-detail-tc" data-revealed={revealed}>
              {tc ?? dash}
            </span>
            {tc !== null && mayRevealTcKimlikNo(role) && (
              <button
                type="button"
                className="link"
                data-testid="case-detail-tc-reveal"
                disabled={loading}
                aria-pressed={revealed}
                onClick={() => void desk.detail.setRevealed(!revealed)}
              >
                {revealed ? t('detail.hideTc') : t('detail.showTc')}
              </button>
            )}
          </dd>
        </div>
      </dl>
      <h3>{t('form.description')}</h3>
      <p className="prose" data-testid="case-detail-description">
        {c.description}
      </p>
      {c.resolution && (
        <>
          <h3>{t('detail.resolution')}</h3>
          <p className="prose">{c.resolution}</p>
        </>
      )}
    </div>
  );
}
