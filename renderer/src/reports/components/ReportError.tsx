import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../core/contract.js';
import { useDeskPart } from '../../shared/desk/deskContext.js';
import { loginOpened } from '../../shared/state/syncStore.js';

/** A report's failure in words, with the way to sign in when that is what it needs. */
export function ReportError({ code, testId }: { code: ErrorCode | null; testId: string }) {
  const { t } = useTranslation();
  const desk = useDeskPart();
  if (code === null) return null;
  return (
    <div className="form-error error reports-error" role="alert">
      <span data-testid={testId} data-code={code}>
        {t(`errors.report.${code}`)}
      </span>
      {code === 'unauthorized' && (
        <button type="button" className="link" onClick={() => desk.sync.setState(loginOpened, true)}>
          {t('reports.login')}
        </button>
      )}
    </div>
  );
}
