/**
 * The desk on the operator's desktop: a ringing call's notification, flashing title and ring
 * (as the host decides, main/host/attention.ts), the hot keys and their help (F1), and the
 * settings an operator changes without an administrator. Texts live in the 'presence' namespace.
 *
 * Mounting:
 *   const presence = startPresence(client, pagePresenceEnv(language)); // in createDesk, before the softphone
 *   const softphone = linkSoftphoneDevices(presence, startSoftphone(client, dialer, { ringtone: presence.softphoneRing, … }));
 *   <PresenceLayer />   once, inside the Desk and Wallboard providers
 *   <PresenceButtons /> in the header
 */
export { PresenceLayer, PresenceButtons } from './components/PresenceLayer.js';
export { startPresence, type PresenceController, type PresenceEnv } from './startPresence.js';
export { pagePresenceEnv } from './pageEnv.js';
export { linkSoftphoneDevices } from './softphoneDevices.js';
export { useLanguageChoice } from './useLanguage.js';
export type { PresencePart } from './deskPart.js';
