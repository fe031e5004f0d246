import type { AgentCall, ScreenPop } from '../../../core/call.js';
import type { CaseRecord } from '../../../core/case.js';
import type { DeskSnapshot } from '../../../core/contract.js';

export function aCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 1,
    subject: 'Sokak lambası yanmıyor',
    description: 'Kadıköy, Moda Cd. 12 önündeki lamba üç gündür yanmıyor.',
    status: 'forwarded',
    phone: '905321112233',
    citizenName: 'Ayşe Yılmaz',
    linkedid: '1700000000.1',
    createdAt: '2025-11-25T09:30:00.000Z',
    ...overrides,
  };
}

export function aScreenPop(call: Partial<AgentCall> = {}, rest: Partial<Omit<ScreenPop, 'call'>> = {}): ScreenPop {
  return {
    call: {
      linkedid: '1700000000.1',
      queue: 'alo153',
      callerNumber: '905321112233',
      callerName: 'AYSE YILMAZ',
      phase: 'ringing',
      ringingSince: 1_700_000_000_000,
      answeredAt: null,
      endedAt: null,
      ...call,
    },
    knownName: 'Ayşe Yılmaz',
    previousCases: [],
    ...rest,
  };
}

export function aSnapshot(overrides: Partial<DeskSnapshot> = {}): DeskSnapshot {
  return {
    agentInterface: 'PJSIP/1001',
    agentName: 'Operatör 1001',
    link: { status: 'connected', since: 1_700_000_000_000 },
    screenPop: null,
    ...overrides,
  };
}
