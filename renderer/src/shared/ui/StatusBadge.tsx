import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../../core/case.js';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      {t(`case.status.${status}`)}
    </span>
  );
}
