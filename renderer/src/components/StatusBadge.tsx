import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../core/case.js';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      {t(`cases.status.${status}`)}
    </span>
  );
}
