import { useTranslation } from 'react-i18next';
import { selectHolidayTable } from '../../shared/state/hostStore.js';
import { useHost } from '../../shared/desk/deskContext.js';

/** Shown while a case recorded now could get a due date past the bayram table (core/holidays.ts). */
export function HolidayTableNotice() {
  const { t } = useTranslation();
  const table = useHost(selectHolidayTable);
  if (table === null || table.uncheckedYear === null) return null;
  return (
    <div className="host-banner host-banner--notice" role="status" data-testid="holiday-table-notice">
      <span>{t('host.holidayTable', { lastYear: table.lastYear, year: table.uncheckedYear })}</span>
    </div>
  );
}
