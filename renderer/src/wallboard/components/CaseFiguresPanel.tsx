import { useStore } from 'zustand';
import { DASH, formatCount, formatPercent, type WallboardLanguage } from '../format.js';
import { isSpike, subjectsBySpike } from '../caseFigures.js';
import type { WallboardT } from '../i18n.js';
import { useWallboard } from './WallboardContext.js';

/**
 * Beside the queue tiles, what the calls became: today's cases by subject against the same hours a
 * week ago (a spike first and marked), first-contact resolution, repeat calls, and the units with
 * the most overdue cases. Nothing until the server's figures arrive (a desk without a server).
 */
export function CaseFiguresPanel({ t, lng }: { t: WallboardT; lng: WallboardLanguage }) {
  const figures = useStore(useWallboard().caseFigures, (s) => s.figures);
  if (figures === null) return null;
  const subjects = subjectsBySpike(figures.subjects);
  return (
    <section className="wb-cases" data-testid="case-figures" aria-label={t('cases.title')}>
      <h2 className="wb-section-title">{t('cases.title')}</h2>
      <dl className="wb-cases-figures">
        <div>
          <dt>{t('cases.createdToday')}</dt>
          <dd className="wb-num" data-testid="cases-created-today">
            {formatCount(figures.createdToday, lng)}
          </dd>
        </div>
        <div>
          <dt title={t('cases.firstContactHint')}>{t('cases.firstContact')}</dt>
          <dd className="wb-num" data-testid="cases-first-contact">
            {formatPercent(figures.firstContactPct, lng)}
          </dd>
        </div>
        <div>
          <dt title={t('cases.repeatCallsHint')}>{t('cases.repeatCalls')}</dt>
          <dd className="wb-num" data-testid="cases-repeat-calls">
            {figures.repeatCalls === null ? DASH : formatPercent(figures.repeatCalls.pct, lng)}
          </dd>
        </div>
      </dl>
      {subjects.length > 0 && (
        <table className="wb-cases-table" data-testid="case-subjects">
          <caption>{t('cases.subjects')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.subject')}</th>
              <th scope="col">{t('cases.today')}</th>
              <th scope="col" title={t('cases.lastWeekHint')}>
                {t('cases.lastWeek')}
              </th>
            </tr>
          </thead>
          <tbody>
            {subjects.map((s) => {
              const spike = isSpike(s);
              return (
                <tr key={s.subject} data-testid="case-subject" data-subject={s.subject} data-spike={spike} className={spike ? 'wb-cases-spike' : undefined}>
                  <th scope="row">
                    {spike && <span aria-label={t('cases.spike')}>▲ </span>}
                    {s.subject === '' ? t('cases.noSubject') : s.subject}
                  </th>
                  <td className="wb-num">{formatCount(s.today, lng)}</td>
                  <td className="wb-num">{formatCount(s.lastWeek, lng)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {figures.units.length > 0 && (
        <table className="wb-cases-table" data-testid="case-units">
          <caption>{t('cases.units')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.unit')}</th>
              <th scope="col">{t('cases.open')}</th>
              <th scope="col">{t('cases.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.units.map((u) => (
              <tr key={u.unitCode} data-testid="case-unit" data-unit={u.unitCode} data-overdue={u.overdue}>
                <th scope="row">{u.name}</th>
                <td className="wb-num">{formatCount(u.open, lng)}</td>
                <td className={`wb-num${u.overdue > 0 ? ' wb-cases-overdue' : ''}`}>{formatCount(u.overdue, lng)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
