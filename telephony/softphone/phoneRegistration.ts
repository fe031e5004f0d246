/**
 * Keeping the softphone registered: the JsSIP UA and its WebSocket, retries after a refused
 * REGISTER, and registering again after network loss (`online`, JsSIP's WebSocket recovery),
 * after sleep (a timer gap) and when the window comes back with an expired registration.
 */
import type { RTCSessionEvent, UA, UAConfiguration } from 'jssip/lib/UA.js';
import type { JsSipApi } from './softphoneApi.js';
import type { PhoneContext } from './phoneContext.js';
import { isTimerGap, registrationFailureReason, registrationNeedsRefresh, registrationRetryDelayMs } from './softphoneState.js';

export interface PhoneRegistration {
  /** Registers with ctx.settings and starts watching for network, sleep and visibility. */
  start(): void;
  /** Stops the retries and the watching; the UA stays until closeUa(). */
  stopUpkeep(): void;
  closeUa(): void;
}

export function createPhoneRegistration(
  ctx: PhoneContext,
  jssip: JsSipApi,
  onNewSession: (e: RTCSessionEvent, owner: UA) => void,
): PhoneRegistration {
  const { deps, timers, log, now } = ctx;
  const network = deps.network === undefined ? (typeof window !== 'undefined' ? window : null) : deps.network;
  const visibility = deps.visibility === undefined ? (typeof document !== 'undefined' ? document : null) : deps.visibility;
  const wakeIntervalMs = deps.wakeCheckIntervalMs ?? 5000;
  const expiresSec = deps.registerExpiresSec ?? 300;
  let retryTimer: unknown = null;
  let retryAttempt = 0;
  let wakeTimer: unknown = null;
  let lastWakeTick = 0;

  function clearRetry(): void {
    if (retryTimer !== null) timers.clearTimeout(retryTimer);
    retryTimer = null;
  }

  function createUa(): void {
    const settings = ctx.settings;
    if (!settings?.wsUrl || !settings.sipUri) return;
    const socket = new jssip.WebSocketInterface(settings.wsUrl);
    const config: UAConfiguration = {
      sockets: [socket as never],
      uri: settings.sipUri,
      register: true,
      register_expires: expiresSec,
      session_timers: false,
      user_agent: 'ALO153-Desk',
      connection_recovery_min_interval: 2,
      connection_recovery_max_interval: 30,
    };
    if (settings.authorizationUser) config.authorization_user = settings.authorizationUser;
    if (settings.password) config.password = settings.password;
    if (settings.displayName) config.display_name = settings.displayName;
    const instance = new jssip.UA(config);
    ctx.ua = instance;
    const mine = (f: () => void) => () => {
      if (ctx.ua === instance) f();
    };
    instance.on('connecting', mine(() => ctx.reg({ type: 'ws-connecting' })));
    instance.on('connected', mine(() => ctx.reg({ type: 'ws-connected' })));
    instance.on('disconnected', mine(() => ctx.reg({ type: 'ws-disconnected', retryAt: null })));
    instance.on('registered', mine(() => {
      retryAttempt = 0;
      clearRetry();
      ctx.reg({ type: 'registered', expiresAt: now() + expiresSec * 1000 });
    }));
    // JsSIP also says 'unregistered' when the WebSocket drops: the state stays failed(transport) then.
    instance.on('unregistered', mine(() => instance.isConnected() && ctx.reg({ type: 'unregistered' })));
    instance.on('registrationFailed', (e) => {
      if (ctx.ua !== instance) return;
      const reason = registrationFailureReason(e.cause);
      if (reason === 'transport') {
        // JsSIP reconnects the WebSocket by itself and registers once connected.
        ctx.reg({ type: 'registration-failed', reason, retryAt: null });
        return;
      }
      const delay = registrationRetryDelayMs(reason, retryAttempt++);
      ctx.reg({ type: 'registration-failed', reason, retryAt: now() + delay });
      log('warn', 'softphone: registration failed', { reason, retryInMs: delay });
      clearRetry();
      retryTimer = timers.setTimeout(() => {
        retryTimer = null;
        refreshRegistration('retry');
      }, delay);
    });
    instance.on('newRTCSession', (e: RTCSessionEvent) => onNewSession(e, instance));
    ctx.reg({ type: 'ws-connecting' });
    instance.start();
  }

  function closeUa(): void {
    const old = ctx.ua;
    ctx.ua = null;
    if (old) {
      try {
        old.stop();
      } catch {
        // already closed
      }
    }
  }

  /** Registers again now: over the open WebSocket, or with a new one when it is gone and no call would be cut. */
  function refreshRegistration(why: string): void {
    if (!ctx.ua || !ctx.settings) return;
    log('info', 'softphone: registering again', { why });
    if (ctx.ua.isConnected()) {
      ctx.reg({ type: 'reregister' });
      ctx.ua.register();
    } else if (!ctx.primary && !ctx.consult) {
      closeUa();
      createUa();
    }
  }

  const onOnline = (): void => refreshRegistration('online');
  const onVisibility = (): void => {
    if (visibility?.visibilityState !== 'visible') return;
    const r = ctx.state.registration;
    if (r.kind === 'failed' && r.reason === 'auth' && r.retryAt !== null && r.retryAt > now()) return;
    if (registrationNeedsRefresh(r, now())) refreshRegistration('visible');
  };
  const onWakeTick = (): void => {
    const t = now();
    const slept = isTimerGap(lastWakeTick, t, wakeIntervalMs);
    lastWakeTick = t;
    if (slept) refreshRegistration('wake');
    else if (ctx.state.registration.kind === 'registered' && registrationNeedsRefresh(ctx.state.registration, t)) refreshRegistration('expired');
  };

  return {
    start() {
      try {
        jssip.debug?.disable();
      } catch {
        // no debug module
      }
      ctx.reg({ type: 'start' });
      network?.addEventListener('online', onOnline);
      visibility?.addEventListener('visibilitychange', onVisibility);
      lastWakeTick = now();
      wakeTimer = timers.setInterval(onWakeTick, wakeIntervalMs);
      try {
        createUa();
      } catch (err) {
        // A malformed URI in the settings: JsSIP refuses the configuration.
        log('warn', 'softphone: configuration refused', { error: (err as Error).message });
        ctx.reg({ type: 'registration-failed', reason: 'rejected', retryAt: null });
      }
    },
    stopUpkeep() {
      clearRetry();
      if (wakeTimer !== null) timers.clearInterval(wakeTimer);
      wakeTimer = null;
      network?.removeEventListener('online', onOnline);
      visibility?.removeEventListener('visibilitychange', onVisibility);
    },
    closeUa,
  };
}
