import { describe, expect, it } from 'vitest';
import { hotkeyCommand, type HotkeyContext } from './hotkeyCommands.js';

const ctx = (over: Partial<HotkeyContext> = {}): HotkeyContext => ({
  softphone: true,
  phoneCall: 'idle',
  deskCall: null,
  agent: { paused: false },
  pauseReasons: ['Mola', 'Yemek'],
  ...over,
});

describe('what a hot key does, in the setup and the moment', () => {
  it('on the softphone: answer a ringing call, hang up or reject, hold and mute the call in progress', () => {
    expect(hotkeyCommand('answer', ctx({ phoneCall: 'ringing' }))).toEqual({ kind: 'softphone', op: 'answer' });
    expect(hotkeyCommand('hangup', ctx({ phoneCall: 'ringing' }))).toEqual({ kind: 'softphone', op: 'reject' });
    expect(hotkeyCommand('hangup', ctx({ phoneCall: 'active' }))).toEqual({ kind: 'softphone', op: 'hangup' });
    expect(hotkeyCommand('hangup', ctx({ phoneCall: 'dialing' }))).toEqual({ kind: 'softphone', op: 'hangup' });
    expect(hotkeyCommand('hold', ctx({ phoneCall: 'active' }))).toEqual({ kind: 'softphone', op: 'toggleHold' });
    expect(hotkeyCommand('mute', ctx({ phoneCall: 'active' }))).toEqual({ kind: 'softphone', op: 'toggleMute' });
    expect(hotkeyCommand('answer', ctx())).toEqual({ kind: 'none', why: 'no-call' });
    expect(hotkeyCommand('hold', ctx({ phoneCall: 'ringing' }))).toEqual({ kind: 'none', why: 'no-call' });
  });

  it('on a desk phone: answering, holding and muting are the phone’s; hanging up a call in progress goes through the PBX', () => {
    const desk = ctx({ softphone: false });
    expect(hotkeyCommand('answer', { ...desk, deskCall: { linkedid: '1.1', phase: 'ringing' } })).toEqual({ kind: 'none', why: 'desk-phone' });
    expect(hotkeyCommand('hangup', { ...desk, deskCall: { linkedid: '1.1', phase: 'ringing' } })).toEqual({ kind: 'none', why: 'desk-phone' });
    expect(hotkeyCommand('hangup', { ...desk, deskCall: { linkedid: '1.1', phase: 'connected' } })).toEqual({ kind: 'ami-hangup', linkedid: '1.1' });
    expect(hotkeyCommand('hangup', { ...desk, deskCall: { linkedid: '1.1', phase: 'ended' } })).toEqual({ kind: 'none', why: 'no-call' });
    expect(hotkeyCommand('hold', desk)).toEqual({ kind: 'none', why: 'desk-phone' });
    expect(hotkeyCommand('mute', desk)).toEqual({ kind: 'none', why: 'desk-phone' });
  });

  it('ready / pause: while ready it goes to the reason to pick (never a guessed one); while paused or in wrap-up it makes ready; out of every queue it says so', () => {
    expect(hotkeyCommand('readyPause', ctx())).toEqual({ kind: 'focus', target: 'pauseReason' });
    expect(hotkeyCommand('readyPause', ctx({ pauseReasons: [] }))).toEqual({ kind: 'none', why: 'not-in-queue' });
    expect(hotkeyCommand('readyPause', ctx({ agent: { paused: true } }))).toEqual({ kind: 'ready' });
    expect(hotkeyCommand('readyPause', ctx({ agent: null }))).toEqual({ kind: 'none', why: 'not-in-queue' });
  });

  it('jumps to the subject and the search in any setup', () => {
    expect(hotkeyCommand('focusSubject', ctx({ softphone: false }))).toEqual({ kind: 'focus', target: 'subject' });
    expect(hotkeyCommand('focusSearch', ctx())).toEqual({ kind: 'focus', target: 'search' });
  });
});

describe('AltGr', () => {
  it('types a character (AltGr+Q is "@" on a Turkish keyboard), so it is never a desk key', async () => {
    const { typesCharacter } = await import('./useHotkeys.js');
    expect(typesCharacter({ getModifierState: (key: string) => key === 'AltGraph' })).toBe(true);
    expect(typesCharacter({ getModifierState: () => false })).toBe(false);
  });
});
