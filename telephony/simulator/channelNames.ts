import { uniqueId } from './simTime.js';
import type { QueueModelConfig } from './simTypes.js';

// Asterisk numbers every Uniqueid from one counter and every Local (or PJSIP) channel from one
// sequence, whoever creates the channel: callers', agents' and Originate's numbers interleave
// as in the recordings, so they share these counters.

export interface ChannelNames {
  /** The Uniqueids of a Local channel pair (`;1`, `;2`). */
  ids(at: number): [string, string];
  /** The Uniqueid of a single channel (PJSIP). */
  id(at: number): string;
  /** `Local/1001@sim-agent-0000002e`, without the `;1`/`;2` suffix. */
  local(exten: string, context: string): string;
  /** `PJSIP/1004-00000003`. */
  pjsip(iface: string): string;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

export function createChannelNames(config: QueueModelConfig): ChannelNames {
  let channelCounter = config.firstChannelCounter ?? 0;
  let localSequence = config.firstLocalSequence ?? 0;
  let pjsipSequence = config.firstPjsipSequence ?? 0;
  return {
    ids: (at) => [uniqueId(at, channelCounter++), uniqueId(at, channelCounter++)],
    id: (at) => uniqueId(at, channelCounter++),
    local: (exten, context) => `Local/${exten}@${context}-${hex8(localSequence++)}`,
    pjsip: (iface) => `${iface}-${hex8(pjsipSequence++)}`,
  };
}
