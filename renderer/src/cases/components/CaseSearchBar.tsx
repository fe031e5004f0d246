import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseStatus, Channel, SlaState, type CaseSearchFilters } from '../../../../core/case.js';
import type { UnitKind } from '../../../../core/catalogue.js';
import { activeFilterCount, noFilters, selectSearchFilters, selectSearchText } from '../caseSearchStore.js';
import { statusPreset, statusesOf, type StatusPreset } from '../statusPresets.js';
import { selectCatalogue, subjectOf } from '../../shared/catalogue/catalogueStore.js';
import { ChoiceSelect } from '../../shared/ui/ChoiceSelect.js';
import { SEARCH_INPUT_ID } from '../../shared/ui/focus.js';
import { SubjectPicker } from '../../shared/catalogue/SubjectPicker.js';
import { useCasesDesk, useSearch } from '../deskPart.js';
import { useCatalogue } from '../../shared/desk/deskContext.js';

const UNIT_KINDS: readonly UnitKind[] = ['directorate', 'district', 'external'];

/** One box for everything (number, phone, name, T.C. no, words of the description) plus filters. */
export function CaseSearchBar() {
  const { t } = useTranslation();
  const desk = useCasesDesk();
  const text = useSearch(selectSearchText);
  const filters = useSearch(selectSearchFilters);
  const [showFilters, setShowFilters] = useState(false);
  const active = activeFilterCount(filters);

  return (
    <div className="case-search">
      <div className="case-search-row">
        <label htmlFor={SEARCH_INPUT_ID} className="sr-only">
          {t('search.label')}
        </label>
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          data-testid="case-search"
          value={text}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          aria-controls="case-list"
          onChange={(e) => desk.search.setText(e.target.value)}
          onKeyDown={(e) => {
            // ↓ or Enter goes to the results, so a search is opened without the mouse.
            if ((e.key === 'ArrowDown' || e.key === 'Enter') && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              document.getElementById('case-list')?.focus();
            }
          }}
        />
        <button
          type="button"
          aria-expanded={showFilters}
          aria-controls="case-filters"
          data-testid="case-filters-toggle"
          onClick={() => setShowFilters((v) => !v)}
        >
          {active > 0 ? t('search.filtersActive', { count: active }) : t('search.filters')}
        </button>
      </div>
      {showFilters && (
        <SearchFilters
          filters={filters}
          onChange={(patch) => desk.search.setFilters(patch)}
          onClose={() => {
            setShowFilters(false);
            document.querySelector<HTMLElement>('[data-testid="case-filters-toggle"]')?.focus();
          }}
        />
      )}
    </div>
  );
}

interface SearchFiltersProps {
  filters: CaseSearchFilters;
  onChange: (patch: Partial<CaseSearchFilters>) => void;
  /** Esc in the panel (with no list open inside it) closes it. */
  onClose: () => void;
}

function SearchFilters({ filters, onChange, onClose }: SearchFiltersProps) {
  const { t } = useTranslation();
  const catalogue = useCatalogue(selectCatalogue);
  const pickedSubject = useCatalogue((s) => subjectOf(s, filters.subjectCode));
  const [subjectText, setSubjectText] = useState(pickedSubject?.name ?? '');

  const statusOptions = useMemo(
    () => [
      { value: 'open' as StatusPreset, label: t('search.statusOpen') },
      ...CaseStatus.options.map((s) => ({ value: s as StatusPreset, label: t(`case.status.${s}`) })),
    ],
    [t],
  );
  const unitOptions = useMemo(
    () =>
      UNIT_KINDS.flatMap((kind) =>
        (catalogue?.units ?? []).filter((u) => u.kind === kind).map((u) => ({ value: u.code, label: u.name, group: t(`unitKind.${kind}`) })),
      ),
    [catalogue, t],
  );
  const channelOptions = useMemo(() => Channel.options.map((c) => ({ value: c, label: t(`case.channel.${c}`) })), [t]);
  const slaOptions = useMemo(() => SlaState.options.map((s) => ({ value: s, label: t(`sla.${s}`) })), [t]);
  const all = t('search.all');

  return (
    <div
      className="case-filters"
      id="case-filters"
      role="group"
      aria-label={t('search.filters')}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <ChoiceSelect
        id="filter-status"
        testId="filter-status"
        label={t('search.status')}
        value={statusPreset(filters.status)}
        defaultLabel={all}
        options={statusOptions}
        onChange={(v) => onChange({ status: statusesOf(v) })}
      />
      <ChoiceSelect
        id="filter-unit"
        testId="filter-unit"
        label={t('search.unit')}
        value={filters.unitCode}
        defaultLabel={all}
        options={unitOptions}
        onChange={(unitCode) => onChange({ unitCode })}
      />
      <div className="field">
        <label htmlFor="filter-subject">{t('search.subject')}</label>
        <SubjectPicker
          id="filter-subject"
          testId="filter-subject"
          label={t('search.subject')}
          value={subjectText}
          pickedCode={filters.subjectCode}
          catalogue={catalogue}
          placeholder={all}
          onText={(text) => {
            setSubjectText(text);
            if (filters.subjectCode !== null) onChange({ subjectCode: null });
          }}
          onPick={(s) => {
            setSubjectText(s.name);
            onChange({ subjectCode: s.code });
          }}
        />
      </div>
      <ChoiceSelect
        id="filter-channel"
        testId="filter-channel"
        label={t('search.channel')}
        value={filters.channel}
        defaultLabel={all}
        options={channelOptions}
        onChange={(channel) => onChange({ channel })}
      />
      <div className="field">
        <label htmlFor="filter-from">{t('search.from')}</label>
        <input
          id="filter-from"
          type="date"
          data-testid="filter-from"
          value={filters.from ?? ''}
          max={filters.to ?? undefined}
          onChange={(e) => onChange({ from: e.target.value || null })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-to">{t('search.to')}</label>
        <input
          id="filter-to"
          type="date"
          data-testid="filter-to"
          value={filters.to ?? ''}
          min={filters.from ?? undefined}
          onChange={(e) => onChange({ to: e.target.value || null })}
        />
      </div>
      <ChoiceSelect
        id="filter-sla"
        testId="filter-sla"
        label={t('search.sla')}
        value={filters.sla}
        defaultLabel={all}
        options={slaOptions}
        onChange={(sla) => onChange({ sla })}
      />
      <button
        type="button"
        className="quiet"
        data-testid="filter-clear"
        disabled={activeFilterCount(filters) === 0}
        onClick={() => {
          setSubjectText('');
          onChange(noFilters);
        }}
      >
        {t('search.clearFilters')}
      </button>
    </div>
  );
}
