import type { DeskBridge } from '../../../../core/contract.js';

export type { DeskBridge };

declare global {
  interface Window {
    readonly deskBridge?: DeskBridge;
  }
}
