import { describe, expect, it, vi } from 'vitest';
import { sessionStorageOf, socketUrl, takeBrowserToken } from './browserToken.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('takeBrowserToken', () => {
  it('moves the token from the hash to sessionStorage and out of the address bar', () => {
    const storage = memoryStorage();
    const history = { state: null, replaceState: vi.fn() };
    const token = takeBrowserToken({ hash: '#token=abc%2B1', pathname: '/', search: '' }, storage, history);
    expect(token).toBe('abc+1');
    expect(storage.data.get('alo153.deskToken')).toBe('abc+1');
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('falls back to the stored token after a reload', () => {
    const storage = memoryStorage({ 'alo153.deskToken': 'kept' });
    const history = { state: null, replaceState: vi.fn() };
    expect(takeBrowserToken({ hash: '', pathname: '/', search: '' }, storage, history)).toBe('kept');
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('keeps path and query but no fragment, so neither the address bar nor the history entry holds the token', () => {
    const history = { state: { from: 'host' }, replaceState: vi.fn() };
    takeBrowserToken({ hash: '#token=abc&view=wallboard', pathname: '/index.html', search: '?lang=en' }, memoryStorage(), history);
    expect(history.replaceState).toHaveBeenCalledOnce();
    expect(history.replaceState).toHaveBeenCalledWith({ from: 'host' }, '', '/index.html?lang=en');
  });

  it('takes the token out of the URL even when the browser refuses to store it', () => {
    const refusing = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const history = { state: null, replaceState: vi.fn() };
    expect(takeBrowserToken({ hash: '#token=abc', pathname: '/', search: '' }, refusing, history)).toBe('abc');
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/');
    // After a reload: no token, so the desk says so instead of failing to start.
    expect(takeBrowserToken({ hash: '', pathname: '/', search: '' }, refusing, history)).toBeNull();
  });

  it('returns null when there is no token anywhere', () => {
    const history = { state: null, replaceState: vi.fn() };
    expect(takeBrowserToken({ hash: '#x=1', pathname: '/', search: '' }, memoryStorage(), history)).toBeNull();
  });
});

describe('sessionStorageOf', () => {
  it('falls back to keeping nothing where reading window.sessionStorage throws (site storage blocked)', () => {
    const win = {
      get sessionStorage(): Storage {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    const storage = sessionStorageOf(win);
    storage.setItem('alo153.deskToken', 'x');
    expect(storage.getItem('alo153.deskToken')).toBeNull();
  });
});

describe('socketUrl', () => {
  it('points at /ws on the same host with the token encoded', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4153' }, 'a b&c')).toBe(
      'ws://127.0.0.1:4153/ws?token=a%20b%26c',
    );
  });
});
