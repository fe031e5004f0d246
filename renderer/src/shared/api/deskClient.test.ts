import { describe, expect, it, vi } from 'vitest';
import { createFakeTransport } from '../testing/fakeTransport.js';
import { aCase, aScreenPop } from '../testing/fixtures.js';
import { createDeskClient } from './deskClient.js';

const validInput = {
  subject: 'Çöp alınmadı',
  description: 'Üç gündür çöp alınmıyor.',
  outcome: 'forwarded' as const,
  phone: '905321112233',
  citizenName: 'Ayşe Yılmaz',
  linkedid: '1700000000.1',
};

function setup() {
  const fake = createFakeTransport();
  const warn = vi.fn();
  const client = createDeskClient(fake.transport, { warn });
  return { fake, warn, client };
}

describe('deskClient.call', () => {
  it('sends the method and params and returns the parsed response', async () => {
    const { fake, client } = setup();
    const created = { case: aCase({ id: 42 }), securityCode: 'K7PX3M9Q' };
    fake.answer('cases.create', () => ({ ok: true, value: created }));
    const result = await client.call('cases.create', validInput);
    expect(fake.calls).toEqual([{ method: 'cases.create', params: validInput }]);
    expect(result).toEqual({ ok: true, value: created });
  });

  it('refuses a request that breaks the contract without reaching the host', async () => {
    const { fake, client } = setup();
    const result = await client.call('cases.create', { ...validInput, subject: '  ', phone: '12ab' });
    expect(fake.calls).toHaveLength(0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'subject', message: 'text.required' },
        { path: 'phone', message: 'phone.invalid' },
      ]),
    );
  });

  it('passes the host error through', async () => {
    const { fake, client } = setup();
    const error = { code: 'invalid-request', message: 'no', issues: [{ path: 'subject', message: 'text.tooLong' }] };
    fake.answer('cases.create', () => ({ ok: false, error }) as never);
    expect(await client.call('cases.create', validInput)).toEqual({ ok: false, error });
  });

  it('turns an answer outside the contract into an internal error, logging no values', async () => {
    const { fake, client, warn } = setup();
    fake.answer('cases.list', () => ({ ok: true, value: [{ id: 'x', phone: '905321112233' }] }));
    const result = await client.call('cases.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).not.toContain('905321112233');
  });

  it('treats a malformed failure as internal', async () => {
    const { fake, client } = setup();
    fake.answer('desk.snapshot', () => ({ ok: false, error: 'boom' }) as never);
    expect(await client.call('desk.snapshot', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('deskClient.on', () => {
  it('delivers parsed payloads to the listeners of that event only', () => {
    const { fake, client } = setup();
    const pops = vi.fn();
    const saved = vi.fn();
    client.on('call.screenPop', pops);
    client.on('cases.saved', saved);
    fake.push('call.screenPop', aScreenPop());
    fake.push('call.screenPop', null);
    expect(pops.mock.calls).toEqual([[aScreenPop()], [null]]);
    expect(saved).not.toHaveBeenCalled();
  });

  it('drops an invalid payload with a warning free of personal data', () => {
    const { fake, client, warn } = setup();
    const listener = vi.fn();
    client.on('cases.saved', listener);
    fake.push('cases.saved', { ...aCase(), id: -1, createdAt: 5 });
    expect(listener).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
    const message = String(warn.mock.calls[0]?.[0]);
    expect(message).toContain('cases.saved');
    for (const personal of ['905321112233', 'Ayşe', 'Kadıköy']) expect(message).not.toContain(personal);
  });

  it('ignores unknown events and stops delivering after unsubscribe', () => {
    const { fake, client, warn } = setup();
    const listener = vi.fn();
    const off = client.on('pbx.link', listener);
    fake.push('pbx.nonsense', {});
    expect(warn).toHaveBeenCalledOnce();
    off();
    fake.push('pbx.link', { status: 'stopped' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps delivering when one listener throws', () => {
    const { fake, client } = setup();
    const second = vi.fn();
    client.on('pbx.link', () => {
      throw new Error('905321112233');
    });
    client.on('pbx.link', second);
    fake.push('pbx.link', { status: 'stopped' });
    expect(second).toHaveBeenCalledWith({ status: 'stopped' });
  });
});
