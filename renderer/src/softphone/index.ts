/**
 * Calling out and the WebRTC softphone: the panel and dialpad, click-to-dial (the softphone when
 * registered, else the desk phone through AMI Originate). Texts live in the 'softphone' namespace.
 * JsSIP itself is loaded by the shell only when a SIP server is configured.
 */
export { SoftphonePanel } from './components/SoftphonePanel.js';
export { DialButton } from './components/DialButton.js';
export { useSoftphone, type SoftphonePart } from './hooks.js';
export { createDialer, DialError, type Dialer, type DialRoute } from './dialer.js';
export { startSoftphone, type SoftphoneController } from './startSoftphone.js';
