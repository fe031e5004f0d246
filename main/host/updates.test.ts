import { describe, expect, it } from 'vitest';
import { releaseNotesText, updateReduced } from './updates.js';

describe('updates', () => {
  it('release notes become plain text, whatever markup the server sent', () => {
    expect(releaseNotesText('<h2>0.2.0</h2><ul><li>Çağrı gelince <b>bildirim</b></li><li>Kısayol &amp; ayarlar</li></ul>')).toBe('0.2.0\nÇağrı gelince bildirim\nKısayol & ayarlar');
    expect(releaseNotesText([{ version: '0.2.0', note: 'Tepsi simgesi' }, { version: '0.1.1', note: null }])).toBe('0.2.0\nTepsi simgesi\n\n0.1.1');
    expect(releaseNotesText(null)).toBe('');
  });

  it('follows the updater: checked, downloading, ready; a ready update stays ready whatever a later check says', () => {
    let state = updateReduced({ state: 'idle', checkedAt: null }, { kind: 'none' }, 5);
    expect(state).toEqual({ state: 'idle', checkedAt: 5 });
    state = updateReduced(state, { kind: 'downloading', version: '0.2.0' }, 6);
    expect(state).toEqual({ state: 'downloading', version: '0.2.0' });
    state = updateReduced(state, { kind: 'downloaded', version: '0.2.0', notes: 'Yenilikler' }, 7);
    expect(state).toEqual({ state: 'ready', version: '0.2.0', notes: 'Yenilikler' });
    expect(updateReduced(state, { kind: 'error' }, 8)).toBe(state);
    expect(updateReduced({ state: 'idle', checkedAt: 5 }, { kind: 'error' }, 9)).toEqual({ state: 'failed', at: 9 });
  });
});
