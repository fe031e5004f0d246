import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../core/case.js';
import { NO_ATTENTION, planRing, topOpenCase, windowStateOf, type RingContext } from './attention.js';

const ctx = (over: Partial<RingContext>): RingContext => ({ window: 'hidden', typingElsewhere: false, policy: 'notify', native: true, softphone: false, ...over });

describe('the attention policy', () => {
  it('leaves an operator who is looking at the desk alone', () => {
    for (const policy of ['front', 'notify'] as const) expect(planRing(ctx({ window: 'focused', policy }))).toEqual(NO_ATTENTION);
  });

  it('hidden, minimised or behind another window: notify or bring to the front, as set, and flash until answered', () => {
    for (const window of ['hidden', 'minimised', 'unfocused'] as const) {
      expect(planRing(ctx({ window }))).toEqual({ raise: false, focusForm: false, notify: 'native', flash: 'native', sound: true });
      expect(planRing(ctx({ window, policy: 'front' }))).toEqual({ raise: true, focusForm: true, notify: null, flash: 'native', sound: true });
    }
  });

  it('never moves the caret out of another field the operator is typing in', () => {
    expect(planRing(ctx({ policy: 'front', typingElsewhere: true }))).toMatchObject({ raise: true, focusForm: false });
  });

  it('a page cannot raise itself: browser mode notifies even when the setting says front', () => {
    expect(planRing(ctx({ native: false, policy: 'front' }))).toEqual({ raise: false, focusForm: false, notify: 'page', flash: 'page', sound: true });
  });

  it('a softphone rings by itself; the page rings for a desk-phone call', () => {
    expect(planRing(ctx({ softphone: true })).sound).toBe(false);
  });

  it('reads the page’s report: no page, or a hidden one, is hidden', () => {
    expect(windowStateOf(null)).toBe('hidden');
    expect(windowStateOf({ visible: false, focused: false, typingElsewhere: false })).toBe('hidden');
    expect(windowStateOf({ visible: true, focused: false, typingElsewhere: false })).toBe('unfocused');
    expect(windowStateOf({ visible: true, focused: true, typingElsewhere: true })).toBe('focused');
  });

  it('the case a notification names is the most pressing open one, the newest among equals', () => {
    const c = (applicationNo: string, sla: CaseRecord['sla']) => ({ applicationNo, sla }) as CaseRecord;
    expect(topOpenCase([c('new-done', 'done'), c('newer', 'due-soon'), c('older', 'due-soon'), c('oldest', 'on-time')])?.applicationNo).toBe('newer');
    expect(topOpenCase([c('a', 'on-time'), c('b', 'overdue')])?.applicationNo).toBe('b');
    expect(topOpenCase([c('a', 'done')])).toBeNull();
  });
});
