// Sandboxed preload: exposes one function per contract method and one event subscription,
// never ipcRenderer itself. Bundled into one file (sandboxed preloads cannot import modules).
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, isEventName, methodNames, type DeskBridge, type Result } from '../../core/contract.js';

const invokers = Object.fromEntries(
  methodNames.map((method) => [method, (params: unknown): Promise<Result<unknown>> => ipcRenderer.invoke(ipcChannel.invoke(method), params)]),
);

const bridge = {
  ...invokers,
  onEvent(listener: (name: string, payload: unknown) => void) {
    const handler = (_event: unknown, name: unknown, payload: unknown) => {
      if (isEventName(name)) listener(name, payload);
    };
    ipcRenderer.on(ipcChannel.event, handler);
    return () => {
      ipcRenderer.removeListener(ipcChannel.event, handler);
    };
  },
} as DeskBridge;

contextBridge.exposeInMainWorld('deskBridge', bridge);
