import { describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../../core/contract.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { DialError, type DialRoute } from '../softphone/dialer.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { expectLocalesAgree, flattenLocale } from '../shared/testing/localeTree.js';
import { aCallback } from './fixtures.js';
import en from './locales/en.json' with { type: 'json' };
import tr from './locales/tr.json' with { type: 'json' };
import { callbackRequestParams, requestCallback } from './request.js';
import { dueText, istanbulDay, istanbulInputToIso, istanbulInputValue, istanbulTime, isOverdue } from './time.js';
import { createCallbackWorklist, outcomeProblem, outcomeRequest, selectActive, startWorklistRefresh, CALLBACK_REFRESH_MS } from './worklist.js';

const NOW = Date.parse('2026-11-20T09:00:00Z'); // 12:00 in Istanbul

function setup(me: string | null = 'ali.geri', dial: (n: string) => Promise<DialRoute> = async () => 'softphone') {
  const fake = createFakeTransport();
  const client = createDeskClient(fake.transport, { warn: vi.fn() });
  const dialFn = vi.fn(dial);
  const worklist = createCallbackWorklist(client, { dial: dialFn, me: () => me, now: () => NOW });
  return { fake, client, worklist, dial: dialFn };
}

const list = (...items: ReturnType<typeof aCallback>[]) => () => ({ ok: true as const, value: { items } });

describe('call-back worklist', () => {
  it('keeps the server order and recognises a claim this user already holds', async () => {
    const { fake, worklist } = setup();
    const later = aCallback({ id: 'b', dueAt: '2026-11-21T08:00:00Z' });
    const earlier = aCallback({ id: 'a', dueAt: '2026-11-19T08:00:00Z', claimedBy: 'ali.geri' });
    fake.answer('callbacks.list', list(later, earlier));
    await worklist.load();
    const s = worklist.store.getState();
    expect(s.items.map((i) => i.id)).toEqual(['b', 'a']);
    expect(s).toMatchObject({ loaded: true, loading: false, activeId: 'a', loadedAt: NOW });
    expect(selectActive(s)?.id).toBe('a');
  });

  it('claims, then dials the citizen and records which route the call took', async () => {
    const { fake, worklist, dial } = setup('ali.geri', async () => 'desk-phone');
    fake.answer('callbacks.list', list(aCallback()));
    await worklist.load();
    fake.answer('callbacks.claim', () => ({ ok: true, value: aCallback({ claimedBy: 'ali.geri', claimedUntil: '2026-11-20T09:10:00Z' }) }));
    await worklist.dial('cb-1');
    expect(fake.calls.map((c) => c.method)).toEqual(['callbacks.list', 'callbacks.claim']);
    expect(dial).toHaveBeenCalledWith('905321112233');
    expect(worklist.store.getState()).toMatchObject({
      activeId: 'cb-1',
      busy: null,
      notice: { kind: 'dialed', id: 'cb-1', route: 'desk-phone' },
      items: [{ claimedBy: 'ali.geri' }],
    });
    // Dialling again a row this desk holds does not claim it twice.
    await worklist.dial('cb-1');
    expect(fake.calls.filter((c) => c.method === 'callbacks.claim')).toHaveLength(1);
    expect(dial).toHaveBeenCalledTimes(2);
  });

  it('on a claim conflict says a colleague is calling, reloads and does not dial', async () => {
    const { fake, worklist, dial } = setup();
    fake.answer('callbacks.list', list(aCallback()));
    await worklist.load();
    fake.answer('callbacks.claim', () => ({ ok: false, error: { code: 'conflict', message: 'held by veli' } }));
    fake.answer('callbacks.list', list(aCallback({ claimedBy: 'veli.geri' })));
    await worklist.dial('cb-1');
    expect(dial).not.toHaveBeenCalled();
    expect(fake.calls.map((c) => c.method)).toEqual(['callbacks.list', 'callbacks.claim', 'callbacks.list']);
    const s = worklist.store.getState();
    expect(s).toMatchObject({ activeId: null, busy: null, error: null, notice: { kind: 'conflict', id: 'cb-1' } });
    expect(s.items[0]!.claimedBy).toBe('veli.geri');
  });

  it('keeps the claim when the dial fails, with the dialer’s code', async () => {
    const { fake, worklist } = setup('ali.geri', async () => {
      throw new DialError('pbx-refused');
    });
    fake.answer('callbacks.list', list(aCallback()));
    await worklist.load();
    fake.answer('callbacks.claim', () => ({ ok: true, value: aCallback({ claimedBy: 'ali.geri' }) }));
    await worklist.dial('cb-1');
    expect(worklist.store.getState()).toMatchObject({ activeId: 'cb-1', busy: null, error: { action: 'dial', code: 'pbx-refused' } });
  });

  it('holds one call-back at a time', async () => {
    const { fake, worklist } = setup();
    fake.answer('callbacks.list', list(aCallback({ id: 'a', claimedBy: 'ali.geri' }), aCallback({ id: 'b' })));
    await worklist.load();
    await worklist.dial('b');
    expect(fake.calls.some((c) => c.method === 'callbacks.claim')).toBe(false);
  });

  it('needs an outcome, and a satisfaction score for an informed citizen', async () => {
    expect(outcomeProblem({ outcome: null, satisfaction: null, comment: '' })).toBe('outcome.required');
    expect(outcomeProblem({ outcome: 'informed', satisfaction: null, comment: '' })).toBe('satisfaction.required');
    expect(outcomeProblem({ outcome: 'informed', satisfaction: 4, comment: '' })).toBeNull();
    expect(outcomeProblem({ outcome: 'no-answer', satisfaction: null, comment: '' })).toBeNull();
    expect(outcomeRequest('a', { outcome: 'no-answer', satisfaction: 5, comment: '  ' })).toEqual({ id: 'a', outcome: 'no-answer', satisfaction: null, comment: null });
    expect(outcomeRequest('a', { outcome: 'informed', satisfaction: 5, comment: ' Teşekkür etti ' })).toEqual({
      id: 'a',
      outcome: 'informed',
      satisfaction: 5,
      comment: 'Teşekkür etti',
    });

    const { fake, worklist } = setup();
    fake.answer('callbacks.list', list(aCallback({ claimedBy: 'ali.geri' })));
    await worklist.load();
    worklist.setForm({ outcome: 'informed' });
    await worklist.save();
    expect(worklist.store.getState().problem).toBe('satisfaction.required');
    expect(fake.calls.some((c) => c.method === 'callbacks.outcome')).toBe(false);
    // Choosing a score clears the problem at once.
    worklist.setForm({ satisfaction: 5 });
    expect(worklist.store.getState().problem).toBeNull();
  });

  it('saves the outcome, shows what happens next and reloads', async () => {
    const { fake, worklist } = setup();
    fake.answer('callbacks.list', list(aCallback({ claimedBy: 'ali.geri' })));
    await worklist.load();
    worklist.setForm({ outcome: 'no-answer', comment: 'Telefon kapalı' });
    fake.answer('callbacks.outcome', () => ({ ok: true, value: { next: 'retry-scheduled', retryAt: '2026-11-20T11:00:00Z' } }));
    fake.answer('callbacks.list', list(aCallback({ attempts: 1 })));
    await worklist.save();
    expect(fake.calls.find((c) => c.method === 'callbacks.outcome')?.params).toEqual({ id: 'cb-1', outcome: 'no-answer', satisfaction: null, comment: 'Telefon kapalı' });
    expect(worklist.store.getState()).toMatchObject({
      activeId: null,
      form: { outcome: null, satisfaction: null, comment: '' },
      notice: { kind: 'saved', result: { next: 'retry-scheduled', retryAt: '2026-11-20T11:00:00Z' } },
      items: [{ attempts: 1 }],
    });
    expect(fake.calls.at(-1)?.method).toBe('callbacks.list');
  });

  it('keeps the form when the save fails, with the code to translate', async () => {
    const { fake, worklist } = setup();
    fake.answer('callbacks.list', list(aCallback({ claimedBy: 'ali.geri' })));
    await worklist.load();
    worklist.setForm({ outcome: 'wrong-number' });
    fake.answer('callbacks.outcome', () => ({ ok: false, error: { code: 'unavailable', message: 'down' } }));
    await worklist.save();
    expect(worklist.store.getState()).toMatchObject({ activeId: 'cb-1', form: { outcome: 'wrong-number' }, error: { action: 'save', code: 'unavailable' } });
  });

  it('releases the claim and reloads', async () => {
    const { fake, worklist } = setup();
    fake.answer('callbacks.list', list(aCallback({ claimedBy: 'ali.geri' })));
    await worklist.load();
    worklist.setForm({ outcome: 'informed' });
    fake.answer('callbacks.release', () => ({ ok: true, value: { ok: true } }));
    fake.answer('callbacks.list', list(aCallback()));
    await worklist.release();
    expect(fake.calls.find((c) => c.method === 'callbacks.release')?.params).toEqual({ id: 'cb-1' });
    expect(worklist.store.getState()).toMatchObject({ activeId: null, form: { outcome: null }, notice: { kind: 'released', id: 'cb-1' } });
  });

  it('drops the claim when the server gave the row to someone else', async () => {
    const { fake, worklist } = setup();
    fake.answer('callbacks.list', list(aCallback({ claimedBy: 'ali.geri' })));
    await worklist.load();
    fake.answer('callbacks.list', list(aCallback({ claimedBy: 'veli.geri' })));
    await worklist.load();
    expect(worklist.store.getState().activeId).toBeNull();
  });

  it('shows a list failure and clears it on the next load', async () => {
    const { fake, worklist } = setup();
    fake.answer('callbacks.list', () => ({ ok: false, error: { code: 'unauthorized', message: 'signed out' } }));
    await worklist.load();
    expect(worklist.store.getState().error).toEqual({ action: 'load', code: 'unauthorized' });
    fake.answer('callbacks.list', list());
    await worklist.load();
    expect(worklist.store.getState().error).toBeNull();
  });

  it('reloads on callbacks.changed, on coming back into view, and every 20 s while visible', async () => {
    const { fake, client } = setup();
    const load = vi.fn(async () => {});
    let visible = true;
    let onVisible = () => {};
    let tick = () => {};
    const stopTimer = vi.fn();
    const stop = startWorklistRefresh(client, { load }, {
      visible: () => visible,
      onVisibility: (l) => ((onVisible = l), () => {}),
      setInterval: (f, ms) => {
        expect(ms).toBe(CALLBACK_REFRESH_MS);
        tick = f;
        return stopTimer;
      },
    });
    expect(load).toHaveBeenCalledTimes(1);
    fake.push('callbacks.changed', {});
    expect(load).toHaveBeenCalledTimes(2);
    tick();
    expect(load).toHaveBeenCalledTimes(3);
    visible = false;
    tick();
    onVisible();
    expect(load).toHaveBeenCalledTimes(3);
    visible = true;
    onVisible();
    expect(load).toHaveBeenCalledTimes(4);
    stop();
    expect(stopTimer).toHaveBeenCalled();
    fake.push('callbacks.changed', {});
    expect(load).toHaveBeenCalledTimes(4);
  });
});

describe('Istanbul time', () => {
  it('shows due times on the Istanbul clock, with today / tomorrow by Istanbul days', () => {
    expect(istanbulTime('2026-11-20T11:05:00Z', 'tr')).toBe('14:05');
    expect(istanbulTime('nope', 'tr')).toBe('—');
    expect(dueText('2026-11-20T11:05:00Z', NOW, 'tr')).toEqual({ day: 'today', date: '20.11.2026', time: '14:05', overdue: false });
    // 21:30 UTC is already the next day in Istanbul.
    expect(dueText('2026-11-20T21:30:00Z', NOW, 'tr')).toMatchObject({ day: 'tomorrow', time: '00:30' });
    expect(dueText('2026-11-19T20:30:00Z', NOW, 'en')).toMatchObject({ day: 'other', date: '19/11/2026', time: '23:30', overdue: true });
    expect(istanbulDay(Date.parse('2026-10-31T21:00:00Z'))).toBe('2026-11-01');
    expect(isOverdue('2026-11-20T08:59:00Z', NOW)).toBe(true);
    expect(isOverdue('2026-11-20T09:01:00Z', NOW)).toBe(false);
  });

  it('reads a datetime-local value as Istanbul wall time', () => {
    expect(istanbulInputToIso('2026-11-20T14:30')).toBe('2026-11-20T14:30:00+03:00');
    expect(Date.parse(istanbulInputToIso('2026-11-20T14:30')!)).toBe(Date.parse('2026-11-20T11:30:00Z'));
    expect(istanbulInputToIso('2026-02-31T10:00')).toBeNull();
    expect(istanbulInputToIso('20.11.2026 14:30')).toBeNull();
    expect(istanbulInputValue(NOW)).toBe('2026-11-20T12:00');
  });
});

describe('call-back request', () => {
  it('checks the time and sends it with the Istanbul offset', async () => {
    expect(callbackRequestParams(7, '', '', NOW)).toEqual({ ok: false, problem: 'required' });
    expect(callbackRequestParams(7, '2026-13-01T10:00', '', NOW)).toEqual({ ok: false, problem: 'invalid' });
    expect(callbackRequestParams(7, '2026-11-20T11:00', '', NOW)).toEqual({ ok: false, problem: 'past' });
    expect(callbackRequestParams(7, '2026-11-20T12:00', '  ', NOW)).toEqual({ ok: true, params: { caseId: 7, dueAt: '2026-11-20T12:00:00+03:00', note: null } });

    const fake = createFakeTransport();
    const client = createDeskClient(fake.transport, { warn: vi.fn() });
    fake.answer('callbacks.request', () => ({ ok: true, value: { ok: true } }));
    await expect(requestCallback(client, 7, '2026-11-20T17:00', 'Akşam arayın', NOW)).resolves.toEqual({ ok: true, dueAt: '2026-11-20T17:00:00+03:00' });
    expect(fake.calls[0]).toEqual({ method: 'callbacks.request', params: { caseId: 7, dueAt: '2026-11-20T17:00:00+03:00', note: 'Akşam arayın' } });
    fake.answer('callbacks.request', () => ({ ok: false, error: { code: 'unavailable', message: 'down' } }));
    await expect(requestCallback(client, 7, '2026-11-20T17:00', '', NOW)).resolves.toEqual({ ok: false, code: 'unavailable' });
  });
});

describe('call-back locales', () => {
  it('agree between Turkish and English and name every error code and outcome', () => {
    const trKeys = flattenLocale(tr);
    expectLocalesAgree(trKeys, flattenLocale(en));
    for (const code of ErrorCode.options) expect(trKeys.has(`errors.${code}`), code).toBe(true);
    for (const o of ['informed', 'no-answer', 'wrong-number', 'not-solved']) expect(trKeys.has(`outcome.${o}`), o).toBe(true);
    expect(tr.outcome).toMatchObject({ informed: 'Bilgilendirildi', 'no-answer': 'Ulaşılamadı', 'wrong-number': 'Yanlış numara', 'not-solved': 'Sorun çözülmemiş' });
    expect(tr.kind).toEqual({ resolution: 'Çözüm bildirimi', requested: 'Geri arama talebi' });
  });
});
