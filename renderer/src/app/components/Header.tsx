import { useTranslation } from 'react-i18next';
import { selectAgent, selectRole } from '../../shared/state/hostStore.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { LinkStatus } from './LinkStatus.js';
import { LoginDialog, PasswordDialog } from '../../account/index.js';
import { SyncIndicator } from './SyncIndicator.js';
import { useHost, useSync } from '../../shared/desk/deskContext.js';
import { selectAccount } from '../../shared/state/syncStore.js';
import { extensionOf } from '../../../../core/agentInterface.js';
import { PresenceButtons } from '../../presence/index.js';

export function Header() {
  const { t } = useTranslation();
  const agent = useHost(selectAgent);
  const role = useHost(selectRole);
  const account = useSync(selectAccount);
  const extension = agent ? extensionOf(agent.agentInterface) : null;
  // One identity (issue 18): the person signed in to the central server, else the agent name the
  // desk was given, else "Operatör 1001"; the extension beside it as a detail, the full AMI
  // interface in its tooltip. The sync area shows the account's buttons, not the name again.
  return (
    <header className="app-header">
      <h1 className="app-title">{t('app.title')}</h1>
      <div className="agent" data-testid="agent" title={t('app.agentLabel')}>
        {agent ? (
          <>
            <span className="agent-name" data-testid="agent-display-name" title={account ? t('sync.accountTitle', { username: account.username }) : undefined}>
              {account?.displayName ?? agent.agentName ?? (extension ? t('app.operatorExtension', { extension }) : agent.agentInterface)}
            </span>
            {extension && (
              <span className="agent-interface" data-testid="agent-extension" title={agent.agentInterface}>
                {t('app.extension', { extension })}
              </span>
            )}
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
