import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type CaseHistoryEntry, Channel, CaseType } from '../../../../core/case.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import { historyLine, type HistoryLine } from '../history.js';
import { formatDateTime } from '../../shared/i18n/format.js';
import { unitOf, type CatalogueState } from '../../shared/catalogue/catalogueStore.js';
import { useCatalogue, useHost } from '../../shared/desk/deskContext.js';
import { selectAgent } from '../../shared/state/hostStore.js';
import { historyActor, type HistoryActor } from '../historyActor.js';

/** Every step of the case, oldest first: nothing about a case is ever dropped (DOMAIN.md). */
export function CaseTimeline({ history }: { history: readonly CaseHistoryEntry[] }) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const catalogue = useCatalogue((s) => s);
  const agent = useHost(selectAgent);
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
                <span className="history-actor muted" data-testid="case-history-actor" title={entry.actor}>
                  {actorName(historyActor(entry, agent), catalogue, t)}
                </span>
                <HistoryText line={line} catalogue={catalogue} />
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The unit actions the timeline words (server/workflow/actions.ts, and reopen from a call-back). */
const WORKFLOW_ACTIONS = ['resolve', 'reject', 'redirect', 'assign', 'reopen'] as const;

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
    case 'workflow': {
      const action = WORKFLOW_ACTIONS.find((a) => a === line.action) ?? 'other';
      return (
        <span>
          {t(`history.workflow.${action}`, { unit: unitOf(catalogue, line.unitCode)?.name ?? line.unitCode ?? '—' })}
          {line.text && <q className="history-text">{line.text}</q>}
        </span>
      );
    }
    case 'fields':
      return <span>{t('history.fields')}</span>;
    default:
      return <span>{line.name}</span>;
  }
}

/** A person or a unit by name; the raw actor stays in the tooltip for whoever needs it. */
function actorName(actor: HistoryActor, catalogue: CatalogueState, t: TFunction): string {
  switch (actor.kind) {
    case 'person':
      return actor.name;
    case 'extension':
      return t('history.actor.extension', { extension: actor.extension });
    case 'unit':
      return unitOf(catalogue, actor.unitCode)?.name ?? actor.unitCode;
    default:
      return t(`history.actor.${actor.kind}`);
  }
}
