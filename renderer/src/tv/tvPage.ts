import { createStore, type StoreApi } from 'zustand/vanilla';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createWallboard, type Wallboard } from '../wallboard/index.js';
import { startFiguresFeed, type FiguresFeed, type StreamLike } from './figuresFeed.js';
import { checkSession, readCaseFigures, forgetSession, keepSession, loadSession, logIn, logOut, type SessionStore, type TvLoginAnswer, type TvSession } from './tvSession.js';

/** A signed-in TV: the live channel's figures and the wallboard that shows them. */
export interface TvBoard {
  session: TvSession;
  feed: FiguresFeed;
  wallboard: Wallboard;
}

/** Why the login is shown again. */
export type TvNotice = 'session-ended' | 'signed-out';

export interface TvPageState {
  board: TvBoard | null;
  notice: TvNotice | null;
}

export interface TvPageDeps {
  storage: SessionStore;
  /** The page's fetch (bound to window: called as a method elsewhere it throws). */
  fetch: typeof fetch;
  now?: () => number;
  openStream?: (url: string) => StreamLike;
}

export interface TvPage {
  store: StoreApi<TvPageState>;
  /** Logs in; a team lead or an admin gets the board, anyone else the form's error. */
  logIn(username: string, password: string): Promise<TvLoginAnswer>;
  signOut(): Promise<void>;
}

/** The TV page wired once, outside React: the login, then the board fed by the live channel. */
export function createTvPage(deps: TvPageDeps): TvPage {
  const now = deps.now ?? Date.now;
  const end = (notice: TvNotice): void => {
    const { board } = store.getState();
    board?.feed.stop();
    board?.wallboard.stop();
    forgetSession(deps.storage);
    store.setState({ board: null, notice }, true);
  };

  const boardOf = (session: TvSession): TvBoard => {
    const feed = startFiguresFeed({
      token: session.token,
      now,
      ...(deps.openStream ? { open: deps.openStream } : {}),
      checkSession: () => checkSession(deps.fetch, session.token),
      onSessionEnded: () => end('session-ended'),
      caseFigures: () => readCaseFigures(deps.fetch, session.token),
    });
    const wallboard = createWallboard(createDeskClient(feed.transport), { clock: now });
    return { session, feed, wallboard };
  };

  // A reload of the TV: the session this tab kept opens the board at once, without the form.
  const kept = loadSession(deps.storage, now());
  const store: StoreApi<TvPageState> = createStore<TvPageState>()(() => ({ board: kept && boardOf(kept), notice: null }));

  return {
    store,
    async logIn(username, password) {
      const answer = await logIn(deps.fetch, username, password);
      if (answer.ok) {
        keepSession(deps.storage, answer.session);
        store.setState({ board: boardOf(answer.session), notice: null }, true);
      }
      return answer;
    },
    async signOut() {
      const token = store.getState().board?.session.token;
      end('signed-out');
      if (token !== undefined) await logOut(deps.fetch, token);
    },
  };
}
