const STORAGE_KEY = 'alo153.deskToken';

interface TokenLocation {
  readonly hash: string;
  readonly pathname: string;
  readonly search: string;
}

type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The host prints `http://127.0.0.1:PORT/#token=…`. The token moves to sessionStorage so a reload
 * still works, and leaves the address bar so it is not shared by a screenshot or a copied URL.
 * It leaves the URL first, whatever the storage does: a browser that refuses site storage
 * still gets the token out of its history entry, and only loses it on a reload.
 */
export function takeBrowserToken(
  location: TokenLocation,
  storage: TokenStorage,
  history: Pick<History, 'replaceState' | 'state'>,
): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    // Replaced, not pushed: no history entry keeps the token.
    history.replaceState(history.state, '', location.pathname + location.search);
    try {
      storage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage full or refused: this page load still has the token.
    }
    return fromHash;
  }
  try {
    return storage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** `window.sessionStorage` itself throws where the browser blocks site storage: then nothing is kept. */
export function sessionStorageOf(win: Pick<Window, 'sessionStorage'>): TokenStorage {
  try {
    return win.sessionStorage;
  } catch {
    return { getItem: () => null, setItem: () => {} };
  }
}

export function socketUrl(location: { readonly protocol: string; readonly host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
