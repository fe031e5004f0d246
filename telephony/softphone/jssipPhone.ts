/**
 * The WebRTC softphone: JsSIP behind the pure state machines of softphoneState.ts.
 *
 * Runs in the renderer (it needs WebRTC, getUserMedia and an <audio> element). Field problems it
 * handles: ICE gathering bounded (iceGate.ts), registering again after network loss (`online`,
 * JsSIP's WebSocket recovery), after sleep (a timer gap) and when the window comes back with an
 * expired registration (phoneRegistration.ts); hold that follows the other side's re-INVITEs
 * (callSessions.ts, reofferQueue.ts); a one-way-audio watchdog over getStats (audioWatchdog.ts).
 * It never logs the password, SIP messages or SDP (JsSIP's own debug output is switched off at
 * start).
 *
 * This module is the only one that loads JsSIP itself: the renderer imports it dynamically so
 * JsSIP stays out of the first chunk, and the parts it assembles are reached only from here.
 */
import JsSIP from 'jssip';
import { createAudioWatchdog } from './audioWatchdog.js';
import { createCallControl } from './callControl.js';
import { createCallSessions } from './callSessions.js';
import { createPhoneContext } from './phoneContext.js';
import { createPhoneMedia } from './phoneMedia.js';
import { createPhoneRegistration } from './phoneRegistration.js';
import { createReofferQueue } from './reofferQueue.js';
import type { JsSipApi, Softphone, SoftphoneDeps } from './softphoneApi.js';
import { canDial } from './softphoneState.js';

export { dialTarget, incomingInfo, type InviteLike } from './callSessions.js';
export { rtpSampleOf } from './audioWatchdog.js';

export type { AudioDevice, AudioDevices, DtmfTransport, JsSipApi, Softphone, SoftphoneDeps, SoftphoneEnded } from './softphoneApi.js';

export function createSoftphone(deps: SoftphoneDeps = {}): Softphone {
  const jssip: JsSipApi = deps.jssip ?? (JsSIP as unknown as JsSipApi);
  const ctx = createPhoneContext(deps);
  const media = createPhoneMedia(ctx);
  const watchdog = createAudioWatchdog(ctx);
  const reoffers = createReofferQueue(ctx);
  const sessions = createCallSessions(ctx, { media, watchdog, reoffers });
  const registration = createPhoneRegistration(ctx, jssip, sessions.onNewSession);
  const control = createCallControl(ctx, sessions, reoffers);

  return {
    start(next) {
      if (ctx.ua) this.stop();
      ctx.settings = next;
      ctx.set({ ...ctx.state, autoAnswer: next.autoAnswer });
      if (!next.enabled || !next.wsUrl || !next.sipUri) {
        ctx.reg({ type: 'disable' });
        return;
      }
      registration.start();
    },
    stop() {
      registration.stopUpkeep();
      watchdog.stop();
      sessions.disposeGates();
      if (ctx.consult) sessions.terminate(ctx.consult);
      if (ctx.primary) sessions.terminate(ctx.primary);
      registration.closeUa();
      if (ctx.state.registration.kind !== 'not-configured') ctx.reg({ type: 'stop' });
    },
    getState: () => ctx.state,
    subscribe: ctx.subscribe,
    canDial: () => canDial(ctx.state) && ctx.ua !== null,
    ...control,
    setInputDevice: media.setInputDevice,
    setOutputDevice: media.setOutputDevice,
    listDevices: media.listDevices,
    setAutoAnswer(on) {
      if (ctx.state.autoAnswer !== on) ctx.set({ ...ctx.state, autoAnswer: on });
    },
  };
}
