import { describe, expect, it, vi } from 'vitest';
import type { WindowReport } from '../../../core/desktop.js';
import { createDeskClient } from '../shared/api/deskClient.js';
import { createFakeTransport } from '../shared/testing/fakeTransport.js';
import { startWindowReport } from './windowReport.js';

describe('the window report', () => {
  it('tells the host where the caret ended up, once per change, and again after a reconnect', () => {
    const fake = createFakeTransport();
    fake.answer('presence.window', () => ({ ok: true, value: { ok: true } }));
    const client = createDeskClient(fake.transport, { warn: vi.fn() });
    let report: WindowReport = { visible: true, focused: true, typingElsewhere: false };
    let changed = () => {};
    const queued: Array<() => void> = [];
    startWindowReport(client, { read: () => report, onChange: (l) => ((changed = l), () => {}) }, (fn) => queued.push(fn));
    const sent = () => fake.calls.filter((c) => c.method === 'presence.window').map((c) => c.params);
    expect(sent()).toEqual([report]);

    // Focus leaves one field and reaches another: two events, one report of where it ended.
    report = { visible: true, focused: true, typingElsewhere: true };
    changed();
    changed();
    queued.splice(0).forEach((fn) => fn());
    expect(sent()).toHaveLength(2);
    changed();
    queued.splice(0).forEach((fn) => fn());
    expect(sent()).toHaveLength(2);

    fake.setConnection({ status: 'disconnected', retryAt: 0 });
    report = { visible: false, focused: false, typingElsewhere: true };
    changed();
    queued.splice(0).forEach((fn) => fn());
    expect(sent()).toHaveLength(2);
    fake.setConnection({ status: 'connected' });
    expect(sent().at(-1)).toEqual(report);
  });
});
