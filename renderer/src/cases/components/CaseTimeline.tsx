import { useTranslation } from 'react-i18next';
import { type CaseHistoryEntry, Channel, CaseType } from '../../../../core/case.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import { historyLine, type HistoryLine } from '../history.js';
import { formatDateTime } from '../../shared/i18n/format.js';
import { unitOf, type CatalogueState } from '../../shared/catalogue/catalogueStore.js';
import { useCatalogue } from '../../shared/desk/deskContext.js';

/** Every step of the case, oldest first: nothing about a case is ever dropped (DOMAIN.md). */
export function CaseTimeline({ history }: { history: readonly CaseHistoryEntry[] }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const catalogue = useCatalogue((s) => s);
  return (
    <section className="timeline" aria-labelledby="case-timeline-title">
      <h3 id="case-timeline-title">{t('detail.history')}</h3>
      {history.length === 0 ? (
        <p className="muted">{t('detail.noHistory')}</p>
      ) : (
        <ol>
          {history.map((entry, i) => {
            const line = historyLine(entry);
            return (
              <li key={i} data-testid="case-history-entry" data-kind={entry.kind}>
                <time dateTime={entry.at} className="history-date">
                  {formatDateTime(entry.at, lng)}
                </time>
                <span className="history-actor muted">{entry.actor}</span>
                <HistoryText line={line} catalogue={catalogue} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function HistoryText({ line, catalogue }: { line: HistoryLine; catalogue: CatalogueState }) {
  const { t } = useTranslation();
  switch (line.kind) {
    case 'created': {
      const channel = Channel.safeParse(line.channel);
      const type = CaseType.safeParse(line.type);
      return (
        <span>
          {t('history.created')}
          {channel.success && ` · ${t(`case.channel.${channel.data}`)}`}
          {type.success && ` · ${t(`case.type.${type.data}`)}`}
        </span>
      );
    }
    case 'forwarded':
      return <span>{t('history.forwarded', { unit: unitOf(catalogue, line.unitCode)?.name ?? line.unitCode ?? '—' })}</span>;
    case 'closed':
      return (
        <span>
          {t('history.closed')}
          {line.text && <q className="history-text">{line.text}</q>}
        </span>
      );
    case 'note':
      return (
        <span>
          {t('history.note')}
          {line.text && <q className="history-text">{line.text}</q>}
        </span>
      );
    case 'attachment':
      return <span>{t('history.attachment', { name: line.fileName ?? '—' })}</span>;
    default:
      return <span>{line.name}</span>;
  }
}
