import type { DeskClient } from '../shared/api/deskClient.js';

/** How a click on a phone number became a call. */
export type DialRoute = 'softphone' | 'desk-phone';

/** Something that can place an outgoing call from this desk (the registered softphone). */
export interface CallPlacer {
  /** True while it can dial now (registered, no call in progress). */
  canDial(): boolean;
  dial(number: string): Promise<void>;
}

export interface Dialer {
  /** Click-to-dial: the softphone when it can, otherwise the desk phone through AMI Originate. */
  dial(number: string): Promise<DialRoute>;
  /** The softphone offers itself; returns the function that withdraws it. */
  useSoftphone(placer: CallPlacer): () => void;
}

export class DialError extends Error {
  constructor(readonly code: string) {
    super(`dial failed: ${code}`);
    this.name = 'DialError';
  }
}

export function createDialer(client: DeskClient): Dialer {
  let softphone: CallPlacer | null = null;
  return {
    async dial(number) {
      if (softphone?.canDial()) {
        await softphone.dial(number);
        return 'softphone';
      }
      const result = await client.call('call.originate', { number });
      if (!result.ok) throw new DialError(result.error.code);
      return 'desk-phone';
    },
    useSoftphone(placer) {
      softphone = placer;
      return () => {
        if (softphone === placer) softphone = null;
      };
    },
  };
}
