import { sessionStorageOf, takeBrowserToken, socketUrl } from './browserToken.js';
import { createElectronTransport } from './electronTransport.js';
import type { DeskTransport } from './transport.js';
import { createNoTokenTransport, createWsTransport } from './wsTransport.js';

/** Electron's preload defines `deskBridge` before any page script runs; its absence means browser mode. */
export function pickTransport(win: Window): DeskTransport {
  if (win.deskBridge) return createElectronTransport(win.deskBridge);
  const token = takeBrowserToken(win.location, sessionStorageOf(win), win.history);
  if (!token) return createNoTokenTransport();
  return createWsTransport({ url: socketUrl(win.location, token) });
}
