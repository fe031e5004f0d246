import { useTranslation } from 'react-i18next';
import { useCases, useLanguage } from '../app/hooks.js';
import { formatDateTime } from '../i18n/format.js';
import { selectCases, selectCasesLoaded } from '../state/casesStore.js';
import { StatusBadge } from './StatusBadge.js';

export function CaseList() {
  const { t } = useTranslation();
  const lng = useLanguage();
  const cases = useCases(selectCases);
  const loaded = useCases(selectCasesLoaded);

  return (
    <section className="panel case-list-panel" aria-labelledby="case-list-title">
      <h2 id="case-list-title">{t('cases.title')}</h2>
      <div className="table-scroll">
        <table className="case-list" data-testid="case-list" data-loaded={loaded}>
          <thead>
            <tr>
              <th scope="col">{t('cases.column.id')}</th>
              <th scope="col">{t('cases.column.time')}</th>
              <th scope="col">{t('cases.column.phone')}</th>
              <th scope="col">{t('cases.column.name')}</th>
              <th scope="col">{t('cases.column.subject')}</th>
              <th scope="col">{t('cases.column.status')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} data-testid="case-row" data-case-id={c.id}>
                <td className="num">{c.id}</td>
                <td className="nowrap">
                  <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, lng)}</time>
                </td>
                <td className="nowrap mono">{c.phone ?? '—'}</td>
                <td>{c.citizenName ?? '—'}</td>
                <td className="subject" title={c.description}>
                  {c.subject}
                </td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {cases.length === 0 && <p className="muted empty">{loaded ? t('cases.empty') : t('cases.loading')}</p>}
      </div>
    </section>
  );
}
