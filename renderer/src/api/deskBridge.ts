import type { MethodName, Result } from '../../../core/contract.js';

/**
 * What the Electron preload exposes on `window.deskBridge`: one function per contract method
 * (never a generic invoke), plus one event subscription.
 */
export type DeskBridge = {
  readonly [M in MethodName]: (params: unknown) => Promise<Result<unknown>>;
} & {
  readonly onEvent: (listener: (name: string, payload: unknown) => void) => () => void;
};

declare global {
  interface Window {
    readonly deskBridge?: DeskBridge;
  }
}
