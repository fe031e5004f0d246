import { z } from 'zod';

/**
 * What the renderer's softphone needs to register. The host holds it (environment or Electron
 * safeStorage) and hands it over in memory on request; the renderer never writes it anywhere.
 */
export const SoftphoneSettings = z.object({
  /** False: no SIP server configured; the desk works with a desk phone (AMI only). */
  enabled: z.boolean(),
  /** SIP over WebSocket: ws://… in the lab, wss://asterisk:8089/ws in production. */
  wsUrl: z.string().nullable(),
  /** This agent's address of record, e.g. sip:1001@pbx.belediye.local. */
  sipUri: z.string().nullable(),
  authorizationUser: z.string().nullable(),
  password: z.string().nullable(),
  displayName: z.string().nullable(),
  /** Answer incoming calls by themselves (headset users). */
  autoAnswer: z.boolean(),
  /** No STUN/TURN on a LAN with the PBX; ICE gathering is still bounded by the timeout. */
  iceServers: z.array(z.object({ urls: z.union([z.string(), z.array(z.string())]) })),
  iceGatheringTimeoutMs: z.number().int().min(50).max(10_000),
  /** The SIP header the dialplan adds with the call's Linkedid (README: PJSIP_HEADER). */
  correlationHeader: z.string(),
});
export type SoftphoneSettings = z.infer<typeof SoftphoneSettings>;

/** An INVITE reached the softphone: the host matches it to the AMI call and pops the screen. */
export const SoftphoneIncoming = z.object({
  /** The SIP Call-ID (opaque; only used to pair incoming and ended). */
  callId: z.string().min(1).max(200),
  /** From the INVITE's From user part; may be anything the trunk sends. */
  callerNumber: z.string().max(64),
  callerName: z.string().max(120).nullable(),
  /** Value of the correlation header, when the dialplan set one. */
  linkedid: z.string().regex(/^[0-9]+\.[0-9]+$/).nullable(),
});
export type SoftphoneIncoming = z.infer<typeof SoftphoneIncoming>;
