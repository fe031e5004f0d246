import { useEffect, useState } from 'react';
import { selectAgent, selectRole } from '../../shared/state/hostStore.js';
import { HangupButton, OperatorQueuePanel, WallboardScreen } from '../../wallboard/index.js';
import { CaseDetail, CaseList } from '../../cases/index.js';
import { CaseForm, ScreenPopPanel, useCall } from '../../callDesk/index.js';
import { Header } from './Header.js';
import { HostBanner } from './HostBanner.js';
import { HolidayTableNotice } from './HolidayTableNotice.js';
import { SoftphonePanel, useSoftphone } from '../../softphone/index.js';
import { ReportsView } from '../../reports/index.js';
import { CallbackWorklist } from '../../callbacks/index.js';
import { callInProgress } from '../../../../telephony/softphone/softphoneState.js';
import { ViewTabs, defaultView, viewsFor, type View } from './ViewTabs.js';
import { useHost } from '../../shared/desk/deskContext.js';
import { PresenceLayer } from '../../presence/index.js';

export function App() {
  const role = useHost(selectRole);
  const agent = useHost(selectAgent);
  const [view, setView] = useState<View | null>(null);
  // A team lead's desk opens on the wallboard, a feedback operator's on the call-backs, everyone else's on the call desk.
  useEffect(() => {
    if (view === null && role !== null) setView(defaultView(role));
  }, [role, view]);
  const views = viewsFor(role);
  // A view the role does not have (reports after a role change) falls back to the call desk.
  const shown = view !== null && views.includes(view) ? view : 'desk';

  return (
    <div className="app">
      <Header />
      <HostBanner />
      <HolidayTableNotice />
      <PresenceLayer />
      <ViewTabs view={shown} views={views} onChange={setView} />
      {shown === 'wallboard' ? (
        <main className="workspace workspace--wallboard">
          <WallboardScreen />
        </main>
      ) : shown === 'callbacks' ? (
        <main className="workspace workspace--callbacks">
          <div className="callbacks-layout">
            <CallbackWorklist />
            {/* Call-backs are dialled from here: the call's controls stay in reach. */}
            <aside className="callbacks-phone">
              <SoftphonePanel />
            </aside>
          </div>
        </main>
      ) : shown === 'reports' ? (
        <main className="workspace workspace--reports">
          <ReportsView />
        </main>
      ) : (
        <main className="workspace">
          <div className="column column--call">
            <OperatorQueuePanel agentInterface={agent?.agentInterface ?? null} />
            <ScreenPopPanel />
            <DeskPhoneHangup />
            <SoftphonePanel />
            <CaseForm />
          </div>
          <div className="column column--cases">
            <CaseList />
            <CaseDetail />
          </div>
        </main>
      )}
    </div>
  );
}

/**
 * The AMI hang-up for a desk phone's call once connected (on the softphone its own panel hangs
 * up). Its own component, reading only that: a pop arriving or ticking must not re-render the
 * whole desk (the case list's rows among it) from App.
 */
function DeskPhoneHangup() {
  const linkedid = useCall((s) => (s.screenPop?.call.phase === 'connected' ? s.screenPop.call.linkedid : null));
  const onSoftphone = useSoftphone((s) => callInProgress(s.phone.call));
  return linkedid !== null && !onSoftphone ? <HangupButton linkedid={linkedid} className="call-hangup" /> : null;
}
