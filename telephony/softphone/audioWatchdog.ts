/**
 * The one-way-audio watchdog: a call can look connected while audio flows one way or not at all.
 * The RTP counters of getStats show it; the verdict is observeAudio's (softphoneState.ts).
 */
import type { PhoneContext } from './phoneContext.js';
import { AUDIO_WATCH_START, observeAudio, type AudioWatch, type RtpSample } from './softphoneState.js';

export interface AudioWatchdog {
  start(): void;
  stop(): void;
  /** On a hold change: held media is silent on purpose, so the counters are judged afresh. */
  reset(): void;
}

/** The audio RTP counters of one getStats report. */
export function rtpSampleOf(report: RTCStatsReport | Map<string, Record<string, unknown>>, at: number): RtpSample {
  let packetsReceived = 0;
  let packetsSent = 0;
  report.forEach((s: Record<string, unknown>) => {
    const kind = s.kind ?? s.mediaType;
    if (kind !== 'audio') return;
    if (s.type === 'inbound-rtp' && typeof s.packetsReceived === 'number') packetsReceived += s.packetsReceived;
    if (s.type === 'outbound-rtp' && typeof s.packetsSent === 'number') packetsSent += s.packetsSent;
  });
  return { at, packetsReceived, packetsSent };
}

export function createAudioWatchdog(ctx: PhoneContext): AudioWatchdog {
  const { timers } = ctx;
  const statsIntervalMs = ctx.deps.statsIntervalMs ?? 1000;
  const audioStallMs = ctx.deps.audioStallMs ?? 4000;
  let statsTimer: unknown = null;
  let audioWatch: AudioWatch = AUDIO_WATCH_START;

  function stop(): void {
    if (statsTimer !== null) timers.clearInterval(statsTimer);
    statsTimer = null;
    audioWatch = AUDIO_WATCH_START;
  }

  async function pollStats(): Promise<void> {
    const session = ctx.primary;
    const call = ctx.state.call;
    if (!session?.connection || call.kind !== 'active') return;
    if (call.hold.local || call.hold.remote) {
      audioWatch = AUDIO_WATCH_START;
      if (call.audio !== 'unknown') ctx.callEv({ type: 'audio', health: 'unknown' });
      return;
    }
    let sample: RtpSample;
    try {
      sample = rtpSampleOf(await session.connection.getStats(), ctx.now());
    } catch {
      return;
    }
    if (session !== ctx.primary || ctx.state.call.kind !== 'active') return;
    const result = observeAudio(audioWatch, sample, audioStallMs);
    audioWatch = result.watch;
    if (result.health !== ctx.state.call.audio) ctx.callEv({ type: 'audio', health: result.health });
  }

  return {
    start() {
      stop();
      audioWatch = AUDIO_WATCH_START;
      statsTimer = timers.setInterval(() => void pollStats(), statsIntervalMs);
    },
    stop,
    reset() {
      audioWatch = AUDIO_WATCH_START;
    },
  };
}
