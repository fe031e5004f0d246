import { useTranslation } from 'react-i18next';
import { selectAgent, selectRole } from '../../shared/state/hostStore.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { LinkStatus } from './LinkStatus.js';
import { LoginDialog, PasswordDialog } from '../../account/index.js';
import { SyncIndicator } from './SyncIndicator.js';
import { useHost } from '../../shared/desk/deskContext.js';
import { PresenceButtons } from '../../presence/index.js';

export function Header() {
  const { t } = useTranslation();
  const agent = useHost(selectAgent);
  const role = useHost(selectRole);
  return (
    <header className="app-header">
      <h1 className="app-title">{t('app.title')}</h1>
      <div className="agent" data-testid="agent" title={t('app.agentLabel')}>
        {agent ? (
          <>
            <span className="agent-name">{agent.agentName ?? agent.agentInterface}</span>
            {agent.agentName && <span className="agent-interface">{agent.agentInterface}</span>}
          </>
        ) : (
          <span className="muted">{t('app.agentUnknown')}</span>
        )}
        {role && (
          <span className="role" data-testid="agent-role" data-role={role}>
            {t(`role.${role}`)}
          </span>
        )}
      </div>
      <LinkStatus />
      <SyncIndicator />
      <LanguageSwitch />
      <PresenceButtons />
      <LoginDialog />
      <PasswordDialog />
    </header>
  );
}
