import type { AgentCall, ScreenPop } from '../../../../core/call.js';
import type { CaseRecord } from '../../../../core/case.js';
import type { Catalogue, Subject } from '../../../../core/catalogue.js';
import type { DeskSnapshot } from '../../../../core/contract.js';
import type { Incident } from '../../../../core/incident.js';
import type { MonthlyReportRow } from '../../../../core/report.js';
import type { SyncStatus } from '../../../../core/syncStatus.js';

export function aCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 1,
    applicationNo: '2025-0000001-7',
    type: 'complaint',
    subject: 'Sokak lambası yanmıyor',
    subjectCode: 'aydinlatma.sokak-lambasi',
    channel: 'phone',
    priority: 'normal',
    confidential: false,
    urgent: false,
    status: 'forwarded',
    unitCode: 'aydinlatma',
    description: 'Kadıköy, Moda Cd. 12 önündeki lamba üç gündür yanmıyor.',
    resolution: null,
    firstContactResolution: false,
    phone: '905321112233',
    citizenName: 'Ayşe Yılmaz',
    tcKimlikNo: null,
    address: null,
    linkedid: '1700000000.1',
    incidentId: null,
    attachmentCount: 0,
    createdAt: '2025-11-25T09:30:00.000Z',
    updatedAt: '2025-11-25T09:30:00.000Z',
    dueAt: null,
    sla: 'on-time',
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
      queueWaitSec: null,
      talkSec: null,
      ...call,
    },
    knownName: 'Ayşe Yılmaz',
    previousCases: [],
    repeatCandidates: [],
    incidents: [],
    ...rest,
  };
}

export function aSnapshot(overrides: Partial<DeskSnapshot> = {}): DeskSnapshot {
  return {
    role: 'operator',
    agentInterface: 'PJSIP/1001',
    agentName: 'Operatör 1001',
    link: { status: 'connected', since: 1_700_000_000_000 },
    screenPop: null,
    holidayTable: { lastYear: 2032, uncheckedYear: null },
    ...overrides,
  };
}

export function aSubject(overrides: Partial<Subject> & Pick<Subject, 'code' | 'name'>): Subject {
  return {
    parent: null,
    resolutionDays: 5,
    priority: 'normal',
    confidential: false,
    defaultUnit: 'fen-isleri',
    urgent: false,
    defaultType: 'complaint',
    keywords: [],
    surge: null,
    ...overrides,
  };
}

/** A small catalogue whose names exercise the Turkish letters the type-ahead must fold. */
export const smallCatalogue: Catalogue = {
  version: 'test-1',
  districts: [{ name: 'Kadıköy', neighbourhoods: ['Caferağa', 'Osmanağa'] }],
  surgeDefault: { cases: 10, minutes: 60 },
  triageUnit: 'halkla-iliskiler',
  units: [
    { code: 'fen-isleri', name: 'Fen İşleri Müdürlüğü', kind: 'directorate' },
    { code: 'aydinlatma', name: 'Aydınlatma ve Enerji Müdürlüğü', kind: 'directorate' },
    { code: 'veteriner', name: 'Veteriner İşleri Müdürlüğü', kind: 'directorate' },
    { code: 'halkla-iliskiler', name: 'Halkla İlişkiler Müdürlüğü', kind: 'directorate' },
    { code: 'ilce-izmit', name: 'İzmit Belediyesi', kind: 'district' },
  ],
  subjects: [
    aSubject({ code: 'aydinlatma', name: 'Aydınlatma (Işıklandırma)', defaultUnit: 'aydinlatma' }),
    aSubject({ code: 'aydinlatma.lamba', name: 'Sokak lambası yanmıyor', parent: 'aydinlatma', defaultUnit: 'aydinlatma', keywords: ['ışık', 'direk'] }),
    aSubject({ code: 'izmit.yol', name: 'İzmit yolu bakımı', defaultUnit: 'ilce-izmit', defaultType: 'request', priority: 'low' }),
    aSubject({
      code: 'hayvan.yarali',
      name: 'Yaralı sokak hayvanı',
      defaultUnit: 'veteriner',
      urgent: true,
      priority: 'urgent',
      keywords: ['köpek', 'kedi'],
    }),
    aSubject({ code: 'hayvan.kopek', name: 'Saldırgan köpek', defaultUnit: 'veteriner', keywords: ['köpek'] }),
    aSubject({
      code: 'bilgi.su',
      name: 'Su kesintisi bilgisi',
      defaultUnit: 'fen-isleri',
      defaultType: 'information',
      confidential: true,
    }),
  ],
  cannedAnswers: [
    { code: 'su-kesinti', subjectCode: 'bilgi.su', title: 'Planlı su kesintileri', text: 'Planlı kesintiler web sitesinde ilan edilir.' },
    { code: 'saatler', subjectCode: null, title: 'Çalışma saatleri', text: 'Hafta içi 08.30–17.30.' },
  ],
};

/** Signed in and in step with the central server. */
export function aSyncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: 'online',
    serverUrl: 'https://alo153.example.bel.tr',
    account: { username: 'ayse.lider', displayName: 'Ayşe Lider', role: 'team-lead', unitCode: null },
    pending: 0,
    held: 0,
    lastSyncAt: '2026-11-20T11:03:22.000Z',
    lastError: null,
    nextRetryAt: null,
    ...overrides,
  };
}

export function aReportRow(overrides: Partial<MonthlyReportRow> = {}): MonthlyReportRow {
  return {
    key: 'aydinlatma.lamba',
    label: 'Sokak lambası yanmıyor',
    created: 10,
    resolved: 8,
    resolvedOnTime: 6,
    meanResolutionHours: 12.5,
    firstContactResolutions: 2,
    reopened: 1,
    citizenConfirmed: 3,
    citizenDisputed: 1,
    citizenConfirmedRate: 0.75,
    incidents: 0,
    incidentCases: 0,
    ...overrides,
  };
}

/** An active water-cut incident in Kadıköy, declared this morning. */
export function anIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    subjectCode: 'su.kesinti',
    unitCode: 'su-idaresi',
    districts: ['Kadıköy'],
    neighbourhoods: [],
    message: 'Ana isale arızası: su 18.00’de gelecek.',
    startsAt: '2026-12-04T08:00:00Z',
    expectedEndAt: null,
    announceQueues: [],
    announcementSound: null,
    status: 'active',
    resolution: null,
    closedAt: null,
    declaredBy: 'Zeynep Takım Lideri',
    createdAt: '2026-12-04T08:00:00Z',
    updatedAt: '2026-12-04T08:00:00Z',
    version: 1,
    attachedCount: 0,
    attachedRecently: 0,
    ...overrides,
  };
}
