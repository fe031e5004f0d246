import { memo, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../../core/case.js';
import type { DeskRole } from '../../../../core/contract.js';
import { useLanguage } from '../../shared/ui/hooks.js';
import { formatCount, formatDateTime } from '../../shared/i18n/format.js';
import { phoneShown, tcKimlikShown } from '../../shared/privacy/personalData.js';
import { rowAt, selectBrowsing, selectCounting, selectResults, selectSearchError, selectSearchPending } from '../caseSearchStore.js';
import { selectCases, selectCasesLoaded } from '../casesStore.js';
import { selectRole } from '../../shared/state/hostStore.js';
import { CaseSearchBar } from './CaseSearchBar.js';
import { SlaBadge } from '../../shared/ui/SlaBadge.js';
import { StatusBadge } from '../../shared/ui/StatusBadge.js';
import { UrgentMarker } from '../../shared/ui/UrgentMarker.js';
import { VirtualList } from '../../shared/ui/VirtualList.js';
import { useCasesDesk, useCases, useSearch } from '../deskPart.js';
import { useHost } from '../../shared/desk/deskContext.js';

export const CASE_ROW_HEIGHT = 34;

interface RowSource {
  key: string;
  total: number;
  /** False: `total` is a lower bound ("at least"), the exact count comes when asked for. */
  totalExact: boolean;
  row: (index: number) => CaseRecord | undefined;
  /** The rows answer an older query than the one typed (a new answer is on its way). */
  stale: boolean;
}

/**
 * The rows on screen: the host's search results (browsing is a search with nothing typed), or,
 * until the first answer arrives or when search is unavailable, the recent cases the desk keeps.
 */
function useRowSource(): RowSource | null {
  const results = useSearch(selectResults);
  const key = useSearch((s) => s.key);
  const pending = useSearch(selectSearchPending);
  const browsing = useSearch(selectBrowsing);
  const recent = useCases(selectCases);
  return useMemo(() => {
    if (results !== null) {
      return { key: results.key, total: results.total, totalExact: results.totalExact, row: (i) => rowAt(results, i), stale: results.key !== key || pending };
    }
    if (browsing) return { key: 'recent', total: recent.length, totalExact: true, row: (i) => recent[i], stale: false };
    return null;
  }, [results, key, pending, browsing, recent]);
}

/**
 * Memoised, like its rows: the list follows its own stores. Without it every screen-pop, which
 * re-renders the shell, re-rendered every visible row of a long list with it.
 */
export const CaseList = memo(function CaseList() {
  const { t } = useTranslation();
  const desk = useCasesDesk();
  const lng = useLanguage();
  const role = useHost(selectRole);
  const source = useRowSource();
  const browsing = useSearch(selectBrowsing);
  const error = useSearch(selectSearchError);
  const recentLoaded = useCases(selectCasesLoaded);
  const onRangeChange = useCallback((start: number, end: number) => desk.search.showRows(start, end), [desk]);

  const total = source?.total ?? 0;
  const open = (index: number) => {
    const record = source?.row(index);
    if (record) void desk.detail.open(record.id);
  };

  return (
    <section className="panel case-list-panel" aria-labelledby="case-list-title">
      <div className="case-list-head">
        <h2 id="case-list-title">{browsing ? t('cases.title') : t('cases.results')}</h2>
        <span className="case-total muted" data-testid="case-total" data-total={total} data-exact={source?.totalExact ?? true} aria-live="polite">
          {source === null ? '' : t(totalKey(browsing, source.totalExact), { total: formatCount(total, lng) })}
        </span>
        {source !== null && !source.totalExact && <CountExactly />}
      </div>
      <CaseSearchBar />
      {error && (
        <p className="error form-error" role="alert" data-testid="case-search-error" data-code={error}>
          {t(`errors.search.${error}`)}{' '}
          <button type="button" onClick={() => desk.search.invalidate()}>
            {t('host.retry')}
          </button>
        </p>
      )}
      <VirtualList
        id="case-list"
        testId="case-list"
        label={t('cases.title')}
        total={total}
        rowHeight={CASE_ROW_HEIGHT}
        header={<CaseRowHeader />}
        resetKey={source?.key ?? ''}
        busy={source?.stale ?? true}
        loaded={source !== null && (source.key !== 'recent' || recentLoaded)}
        onRangeChange={onRangeChange}
        onActivate={open}
        renderRow={(index, active, rowId) => (
          <CaseRow key={index} index={index} record={source?.row(index)} active={active} rowId={rowId} role={role} lng={lng} />
        )}
      />
      {total === 0 && (
        <p className="muted empty" data-testid="case-list-empty">
          {source === null || (source.key === 'recent' && !recentLoaded) ? t('cases.loading') : browsing ? t('cases.empty') : t('cases.noMatch')}
        </p>
      )}
    </section>
  );
});

/** Many matches are counted only as far as the list needs: the heading says "at least" then. */
const TOTAL_TEXT = {
  browsing: { exact: 'cases.totalAll', atLeast: 'cases.totalAllAtLeast' },
  found: { exact: 'cases.totalFound', atLeast: 'cases.totalFoundAtLeast' },
} as const;
const totalKey = (browsing: boolean, exact: boolean) => TOTAL_TEXT[browsing ? 'browsing' : 'found'][exact ? 'exact' : 'atLeast'];

function CountExactly() {
  const { t } = useTranslation();
  const desk = useCasesDesk();
  const counting = useSearch(selectCounting);
  return (
    <button type="button" className="link" data-testid="case-total-count" disabled={counting} onClick={() => desk.search.countExactly()}>
      {counting ? t('cases.counting') : t('cases.countExactly')}
    </button>
  );
}

function CaseRowHeader() {
  const { t } = useTranslation();
  return (
    <div role="row" className="case-grid case-grid--head" aria-rowindex={1}>
      {(['number', 'time', 'phone', 'name', 'subject', 'status', 'sla'] as const).map((c) => (
        <span key={c} role="columnheader" className={`col col--${c}`}>
          {t(`cases.column.${c}`)}
        </span>
      ))}
    </div>
  );
}

interface CaseRowProps {
  index: number;
  record: CaseRecord | undefined;
  active: boolean;
  rowId: string;
  role: DeskRole | null;
  lng: ReturnType<typeof useLanguage>;
}

const CaseRow = memo(function CaseRow({ index, record, active, rowId, role, lng }: CaseRowProps) {
  const { t } = useTranslation();
  const cls = `case-grid case-row${active ? ' case-row--active' : ''}${record?.urgent ? ' case-row--urgent' : ''}`;
  if (!record) {
    return (
      <div role="row" id={rowId} className={`${cls} case-row--loading`} aria-rowindex={index + 2} data-index={index}>
        <span role="gridcell" className="col col--loading muted">
          {t('cases.rowLoading')}
        </span>
      </div>
    );
  }
  const phone = phoneShown(record.phone, role, 'list');
  const tc = tcKimlikShown(record.tcKimlikNo, false);
  return (
    <div
      role="row"
      id={rowId}
      className={cls}
      aria-rowindex={index + 2}
      aria-selected={active}
      data-testid="case-row"
      data-case-id={record.id}
      data-index={index}
      title={t('cases.open', { number: record.applicationNo })}
    >
      <span role="gridcell" className="col col--number mono">
        {record.urgent && <UrgentMarker compact />}
        {record.applicationNo}
      </span>
      <span role="gridcell" className="col col--time">
        <time dateTime={record.createdAt}>{formatDateTime(record.createdAt, lng)}</time>
      </span>
      <span role="gridcell" className="col col--phone mono">
        {phone ?? '—'}
      </span>
      <span role="gridcell" className="col col--name">
        {record.citizenName ?? '—'}
        {tc && <span className="muted mono tc"> · {tc}</span>}
      </span>
      <span role="gridcell" className="col col--subject">
        {record.subject}
      </span>
      <span role="gridcell" className="col col--status">
        <StatusBadge status={record.status} />
      </span>
      <span role="gridcell" className="col col--sla">
        <SlaBadge record={record} />
      </span>
    </div>
  );
});
