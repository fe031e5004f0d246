import { describe, expect, it, vi } from 'vitest';
import { socketUrl, takeBrowserToken } from './browserToken.js';

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

  it('returns null when there is no token anywhere', () => {
    const history = { state: null, replaceState: vi.fn() };
    expect(takeBrowserToken({ hash: '#x=1', pathname: '/', search: '' }, memoryStorage(), history)).toBeNull();
  });
});

describe('socketUrl', () => {
  it('points at /ws on the same host with the token encoded', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4153' }, 'a b&c')).toBe(
      'ws://127.0.0.1:4153/ws?token=a%20b%26c',
    );
  });
});
