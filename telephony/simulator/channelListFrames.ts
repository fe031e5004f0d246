import type { AmiFrame, AmiHeader } from '../ami/amiFrame.js';
import { agentIn, agentOut, inQueue, phone } from './channelSnapshots.js';
import type { ChannelSnapshot } from './eventHeaders.js';
import { channelHeaders } from './eventHeaders.js';
import type { ChannelView } from './queueModel.js';

// CoreShowChannels' items: one CoreShowChannel per channel, ActionID right after the event name,
// then the channel, its bridge, what it runs and for how long (HH:MM:SS).

function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

function snapshotOf(view: ChannelView): ChannelSnapshot {
  const { call, leg } = view;
  switch (view.role) {
    case 'phone':
      return phone(call, 6, 'both', true, 2);
    case 'queue':
      return inQueue(call);
    case 'agent-out':
      if (leg!.kind === 'pjsip') {
        return { ...agentOut(call, leg!, view.state === 'up' ? 6 : 5, 'both', call.number), name: leg!.channel, context: leg!.context };
      }
      return agentOut(call, leg!, view.state === 'up' ? 6 : 5, 'both', call.number);
    case 'agent-in':
      return agentIn(call, leg!, view.state === 'up' ? 6 : 4, view.state === 'up' ? 16 : 10);
  }
}

export function coreShowChannelItems(views: ChannelView[], actionId: string | undefined, now: number): AmiFrame[] {
  return views.map((view) => ({
    headers: [
      ['Event', 'CoreShowChannel'],
      ...(actionId === undefined ? [] : [['ActionID', actionId] as AmiHeader]),
      ...channelHeaders(snapshotOf(view)),
      ['BridgeId', view.bridgeId],
      ['Application', view.application],
      ['ApplicationData', view.applicationData],
      ['Duration', duration(now - view.createdAt)],
    ],
  }));
}
