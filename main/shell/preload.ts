// Sandboxed preload: exposes one function per contract method and one event subscription,
// never ipcRenderer itself. Bundled into one file (sandboxed preloads cannot import modules).
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, isEventName, methodNames } from '../../core/contract.js';

const bridge: Record<string, unknown> = {};
for (const method of methodNames) {
  bridge[method] = (params: unknown) => ipcRenderer.invoke(ipcChannel.invoke(method), params);
}
bridge.onEvent = (listener: (name: string, payload: unknown) => void) => {
  const handler = (_event: unknown, name: unknown, payload: unknown) => {
    if (isEventName(name)) listener(name, payload);
  };
  ipcRenderer.on(ipcChannel.event, handler);
  return () => ipcRenderer.removeListener(ipcChannel.event, handler);
};

contextBridge.exposeInMainWorld('deskBridge', bridge);
