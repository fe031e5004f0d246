import { useStore } from 'zustand';
import { WallboardProvider, WallboardScreen } from '../../wallboard/index.js';
import { useTvText } from '../i18n.js';
import type { TvPage } from '../tvPage.js';
import { FeedBanner } from './FeedBanner.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { TvLogin } from './TvLogin.js';

/** The login until a team lead or an admin is signed in, then the wallboard in its TV view, read only. */
export function TvApp({ page }: { page: TvPage }) {
  const { t } = useTvText();
  const board = useStore(page.store, (s) => s.board);
  const notice = useStore(page.store, (s) => s.notice);
  if (board === null) return <TvLogin page={page} notice={notice} />;
  return (
    // A new session is a new board: nothing of the last one's stores carries over.
    <WallboardProvider key={board.session.token} wallboard={board.wallboard}>
      <div className="tv-board" data-testid="tv-board">
        <div className="tv-bar">
          <span className="tv-account" data-testid="tv-account">
            {board.session.displayName}
          </span>
          <LanguageSwitch />
          <button type="button" className="tv-sign-out" data-testid="tv-sign-out" onClick={() => void page.signOut()}>
            {t('bar.signOut')}
          </button>
        </div>
        <FeedBanner status={board.feed.status} />
        <WallboardScreen tvOnly readOnly />
      </div>
    </WallboardProvider>
  );
}
