const STORAGE_KEY = 'alo153.deskToken';

interface TokenLocation {
  readonly hash: string;
  readonly pathname: string;
  readonly search: string;
}

/**
 * The host prints `http://127.0.0.1:PORT/#token=…`. The token moves to sessionStorage so a reload
 * still works, and leaves the address bar so it is not shared by a screenshot or a copied URL.
 */
export function takeBrowserToken(
  location: TokenLocation,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  history: Pick<History, 'replaceState' | 'state'>,
): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(STORAGE_KEY, fromHash);
    history.replaceState(history.state, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(STORAGE_KEY);
}

export function socketUrl(location: { readonly protocol: string; readonly host: string }, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
