import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../../core/case.js';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return statusBadge(status, t);
}

/** The badge without hooks, for lists that read the translation once for all their rows. */
export function statusBadge(status: CaseStatus, t: TFunction) {
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      {t(`case.status.${status}`)}
    </span>
  );
}
