import { afterEach, describe, expect, it } from 'vitest';
import type { ScreenPop } from '../../core/call.js';
import type { Host } from './host.js';
import { startTestDesk, type Cleanups } from './testing/testDesk.js';

const cleanups: Cleanups = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

const desk = (env: Record<string, string> = {}) => startTestDesk(cleanups, env);

function nextPop(host: Host, test: (pop: ScreenPop | null) => boolean, timeoutMs = 10_000): Promise<ScreenPop | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no such screen-pop')), timeoutMs);
    const off = host.onEvent((name, payload) => {
      if (name === 'call.screenPop' && test(payload as ScreenPop | null)) {
        clearTimeout(timer);
        off();
        resolve(payload as ScreenPop | null);
      }
    });
  });
}

const value = <T>(result: { ok: boolean; value?: unknown; error?: unknown }): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
};

describe('softphone and the AMI call', () => {
  it('pairs an INVITE carrying the Linkedid with the queue call AMI already popped', async () => {
    const host = await desk({ DESK_SIM_CALL_INTERVAL_MS: '300', DESK_SIM_AUTO_ANSWER_MS: 'off', DESK_SIM_CALLERS: '905427654321:Fatma Şahin' });
    const ringing = (await nextPop(host, (p) => p?.call.phase === 'ringing'))!;
    const paired = value<{ screenPop: ScreenPop | null }>(
      await host.invoke('softphone.incoming', { callId: 'a84b4c76e66710@pc33', callerNumber: '05427654321', callerName: null, linkedid: ringing.call.linkedid }),
    );
    expect(paired.screenPop?.call.linkedid).toBe(ringing.call.linkedid);
    expect(paired.screenPop?.call.queue).toBe('alo153');
  });

  it('pops the screen from the INVITE alone when no AMI call matches, and follows answer and hang-up', async () => {
    const host = await desk({ DESK_SIM_CALL_INTERVAL_MS: '0' });
    const popped = nextPop(host, (p) => p?.call.queue === 'softphone');
    const answer = value<{ screenPop: ScreenPop | null }>(
      await host.invoke('softphone.incoming', { callId: 'sip-only-1', callerNumber: '905321112233', callerName: 'Vatandaş Ali', linkedid: null }),
    );
    expect((await popped)?.call).toMatchObject({ phase: 'ringing', callerNumber: '905321112233' });
    // The demo desk knows this caller: the pop carries their earlier cases.
    expect(answer.screenPop?.previousCases.length).toBeGreaterThan(0);

    const connected = nextPop(host, (p) => p?.call.phase === 'connected');
    await host.invoke('softphone.answered', { callId: 'sip-only-1' });
    expect((await connected)?.call.answeredAt).not.toBeNull();
    const ended = nextPop(host, (p) => p?.call.phase === 'ended');
    await host.invoke('softphone.ended', { callId: 'sip-only-1', answered: true });
    const endedCall = (await ended)!.call;
    expect(endedCall.endedAt).not.toBeNull();

    // The case recorded on that call shows the call with it.
    const created = value<{ case: { id: number } }>(
      await host.invoke('cases.create', {
        subject: 'Su kesintisi bilgisi',
        description: 'Planlı kesintinin bitiş saati soruldu.',
        outcome: 'resolved',
        phone: '905321112233',
        citizenName: 'Vatandaş Ali',
        linkedid: endedCall.linkedid,
      }),
    );
    const detail = value<{ call: { linkedid: string; queue: string; answeredAt: string | null; talkSec: number | null } | null }>(
      await host.invoke('cases.get', { id: created.case.id }),
    );
    expect(detail.call).toMatchObject({ linkedid: endedCall.linkedid, queue: 'softphone', talkSec: 0 });
    expect(detail.call?.answeredAt).not.toBeNull();
  });

  it('hands the registration settings over only when a SIP server is configured', async () => {
    const off = await desk({ DESK_SIM_CALL_INTERVAL_MS: '0' });
    expect(value<{ enabled: boolean }>(await off.invoke('softphone.settings', {})).enabled).toBe(false);
    const on = await desk({ DESK_SIM_CALL_INTERVAL_MS: '0', DESK_SIP_WS_URL: 'ws://127.0.0.1:5066', DESK_SIP_URI: 'sip:1001@127.0.0.1' });
    expect(value<{ enabled: boolean; authorizationUser: string }>(await on.invoke('softphone.settings', {}))).toMatchObject({ enabled: true, authorizationUser: '1001' });
  });

  it('click-to-dial on a desk phone rings the agent through AMI Originate, and the PBX refusal is shown', async () => {
    const host = await desk({ DESK_SIM_CALL_INTERVAL_MS: '0' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await host.invoke('call.originate', { number: '905321112233' })).toEqual({ ok: true, value: { ok: true } });
    // A desk phone the PBX cannot reach (its dialplan context does not exist).
    const broken = await desk({ DESK_SIM_CALL_INTERVAL_MS: '0', DESK_AGENT_INTERFACE: 'Local/1001@nowhere/n' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await broken.invoke('call.originate', { number: '905321112233' })).toMatchObject({ ok: false, error: { code: 'pbx-refused' } });
  });
});
