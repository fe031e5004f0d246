/**
 * The softphone's audio: the microphone a call takes, the element the other side plays in, and
 * switching either device in the middle of a call.
 */
import type { AudioDevice, Softphone } from './softphoneApi.js';
import type { PhoneContext } from './phoneContext.js';

export interface PhoneMedia extends Pick<Softphone, 'setInputDevice' | 'setOutputDevice' | 'listDevices'> {
  audioConstraints(): MediaStreamConstraints;
  pcConfig(): RTCConfiguration;
  /** Plays the remote audio track of a peer connection. */
  playRemoteAudio(pc: RTCPeerConnection): void;
  /** The call ended: stops the microphones swapped in and silences the element. */
  releaseCallMedia(): void;
}

export function createPhoneMedia(ctx: PhoneContext): PhoneMedia {
  const { deps } = ctx;
  const mediaDevices = deps.mediaDevices === undefined ? (typeof navigator !== 'undefined' ? (navigator.mediaDevices ?? null) : null) : deps.mediaDevices;
  let audioEl: HTMLAudioElement | null = null;
  const extraTracks: MediaStreamTrack[] = [];

  const audioConstraints = (): MediaStreamConstraints => ({
    audio: ctx.state.devices.inputId ? { deviceId: { exact: ctx.state.devices.inputId } } : true,
    video: false,
  });

  function remoteAudio(): HTMLAudioElement | null {
    if (audioEl) return audioEl;
    const make = deps.createAudioElement ?? (() => (typeof document !== 'undefined' ? document.createElement('audio') : null));
    audioEl = make();
    if (audioEl) {
      audioEl.autoplay = true;
      const sink = ctx.state.devices.outputId;
      if (sink && typeof audioEl.setSinkId === 'function') void audioEl.setSinkId(sink).catch(() => {});
    }
    return audioEl;
  }

  return {
    audioConstraints,
    pcConfig: () => ({ iceServers: ctx.settings?.iceServers ?? [] }),
    playRemoteAudio(pc) {
      pc.addEventListener('track', (ev: RTCTrackEvent) => {
        if (ev.track.kind !== 'audio') return;
        // The consult call plays in the same element: only one leg is ever off hold.
        const el = remoteAudio();
        if (!el) return;
        el.srcObject = ev.streams[0] ?? new MediaStream([ev.track]);
        void el.play?.()?.catch?.(() => {});
      });
    },
    releaseCallMedia() {
      for (const t of extraTracks.splice(0)) t.stop();
      if (audioEl) audioEl.srcObject = null;
    },
    async setInputDevice(deviceId) {
      ctx.set({ ...ctx.state, devices: { ...ctx.state.devices, inputId: deviceId } });
      const pc = ctx.primary?.connection;
      if (!pc || !mediaDevices || ctx.state.call.kind !== 'active') return;
      const stream = await mediaDevices.getUserMedia(audioConstraints());
      const track = stream.getAudioTracks()[0];
      if (!track) return;
      if (ctx.state.call.muted) track.enabled = false;
      const sender = pc.getSenders().find((x) => x.track?.kind === 'audio' || x.track === null);
      if (!sender) {
        track.stop();
        return;
      }
      const old = sender.track;
      await sender.replaceTrack(track);
      extraTracks.push(track);
      old?.stop();
    },
    async setOutputDevice(deviceId) {
      ctx.set({ ...ctx.state, devices: { ...ctx.state.devices, outputId: deviceId } });
      const el = remoteAudio();
      if (el && typeof el.setSinkId === 'function') await el.setSinkId(deviceId ?? '');
    },
    async listDevices() {
      if (!mediaDevices) return { inputs: [], outputs: [] };
      const all = await mediaDevices.enumerateDevices();
      const pick = (kind: MediaDeviceKind): AudioDevice[] =>
        all.filter((d) => d.kind === kind && d.deviceId).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind === 'audioinput' ? 'mic' : 'out'} ${i + 1}` }));
      return { inputs: pick('audioinput'), outputs: pick('audiooutput') };
    },
  };
}
