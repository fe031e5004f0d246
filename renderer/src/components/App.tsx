import { useGlobalShortcuts } from '../app/shortcuts.js';
import { CaseDetail } from './CaseDetail.js';
import { CaseForm } from './CaseForm.js';
import { CaseList } from './CaseList.js';
import { Header } from './Header.js';
import { HostBanner } from './HostBanner.js';
import { ScreenPopPanel } from './ScreenPopPanel.js';

export function App() {
  useGlobalShortcuts();
  return (
    <div className="app">
      <Header />
      <HostBanner />
      <main className="workspace">
        <div className="column column--call">
          <ScreenPopPanel />
          <CaseForm />
        </div>
        <div className="column column--cases">
          <CaseList />
          <CaseDetail />
        </div>
      </main>
    </div>
  );
}
