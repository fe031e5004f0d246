import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/deskSettings.js';
import { adminSettingsFrom, applyPatch, mergeSettings, parseUserSettings, serializeUserSettings } from './settingsModel.js';

describe('settings: defaults, the operator, the administrator', () => {
  it('the operator’s choices apply over the defaults, and the administrator’s over both, field by field', () => {
    const view = mergeSettings({ ringVolume: 30, language: 'en', hotkeys: { hold: 'Ctrl+Alt+H' } }, { language: 'tr', hotkeys: { answer: 'F4' } });
    expect(view.settings).toMatchObject({ ringVolume: 30, language: 'tr', attention: DEFAULT_SETTINGS.attention });
    expect(view.settings.hotkeys).toMatchObject({ answer: 'F4', hold: 'Ctrl+Alt+H', hangup: 'F10' });
    expect(view.adminSet).toEqual(['language', 'hotkeys.answer']);
  });

  it('a key two sources give to different actions stays with the stronger one; the other action loses its key', () => {
    // The operator put hold on F4; later the administrator gave F4 to answer.
    const view = mergeSettings({ hotkeys: { hold: 'F4' } }, { hotkeys: { answer: 'F4' } });
    expect(view.settings.hotkeys).toMatchObject({ answer: 'F4', hold: null });
    // The operator's choice beats a default that meanwhile took the same key.
    expect(mergeSettings({ hotkeys: { mute: 'F9' } }, {}).settings.hotkeys).toMatchObject({ mute: 'F9', answer: null });
  });

  it('a change from the panel is refused for a field the administrator set, and for a key another action holds', () => {
    const admin = { attention: 'front' as const, hotkeys: { answer: 'F4' } };
    expect(applyPatch({}, { attention: 'notify' }, admin)).toEqual({ ok: false, path: 'attention', code: 'settings.adminSet' });
    expect(applyPatch({}, { hotkeys: { answer: 'F9' } }, admin)).toEqual({ ok: false, path: 'hotkeys.answer', code: 'settings.adminSet' });
    expect(applyPatch({}, { hotkeys: { hold: 'F4' } }, admin)).toEqual({ ok: false, path: 'hotkeys.hold', code: 'hotkey.conflict' });
    expect(applyPatch({}, { hotkeys: { hold: 'F9' } }, {})).toEqual({ ok: false, path: 'hotkeys.hold', code: 'hotkey.conflict' });
    // Swapping two keys in one change is fine.
    expect(applyPatch({}, { hotkeys: { answer: 'F10', hangup: 'F9' } }, {})).toEqual({ ok: true, user: { hotkeys: { answer: 'F10', hangup: 'F9' } } });
    expect(applyPatch({ ringVolume: 10 }, { ringVolume: 90, hotkeys: { mute: null } }, admin)).toEqual({ ok: true, user: { ringVolume: 90, hotkeys: { mute: null } } });
  });

  it('reads the administrator’s environment variables, and says which one is wrong', () => {
    expect(
      adminSettingsFrom({
        DESK_LANGUAGE: 'en',
        DESK_ATTENTION: 'front',
        DESK_RING_VOLUME: '0',
        DESK_HOTKEYS: 'answer=F4,hold=off',
        DESK_START_AT_LOGIN: '1',
        DESK_UPDATE_URL: 'https://guncelleme.belediye.local/alo153/',
      }),
    ).toEqual({ language: 'en', attention: 'front', ringVolume: 0, hotkeys: { answer: 'F4', hold: null }, startAtLogin: true, updateUrl: 'https://guncelleme.belediye.local/alo153/' });
    expect(adminSettingsFrom({})).toEqual({});
    expect(() => adminSettingsFrom({ DESK_RING_VOLUME: '101' })).toThrow(/DESK_RING_VOLUME/);
    expect(() => adminSettingsFrom({ DESK_UPDATE_URL: 'http://guncelleme.belediye.local/' })).toThrow(/DESK_UPDATE_URL must be an https URL/);
    expect(() => adminSettingsFrom({ DESK_HOTKEYS: 'answer=F4,hangup=F4' })).toThrow(/one key to two actions/);
    expect(() => adminSettingsFrom({ DESK_ATTENTION: 'shout' })).toThrow(/DESK_ATTENTION/);
  });

  it('reads a file field by field: what does not validate is dropped and named, the rest kept; a non-object is no settings at all', () => {
    const text = JSON.stringify({ version: 1, ringVolume: 40, language: 'de', hotkeys: { answer: 'Ctrl+Alt+A' }, updateUrl: 'http://evil.example/' });
    expect(parseUserSettings(text)).toEqual({ user: { ringVolume: 40, hotkeys: { answer: 'Ctrl+Alt+A' } }, dropped: ['language', 'updateUrl'] });
    expect(parseUserSettings(JSON.stringify({ hotkeys: { answer: 'Q' } }))).toEqual({ user: {}, dropped: ['hotkeys'] });
    expect(parseUserSettings('{"ringVolume": 4')).toBeNull();
    expect(parseUserSettings('[1,2]')).toBeNull();
    const user = { ringVolume: 55, hotkeys: { mute: null } };
    expect(parseUserSettings(serializeUserSettings(user))).toEqual({ user, dropped: [] });
  });
});
