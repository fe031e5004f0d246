import type { Database } from 'better-sqlite3';
import { generateSecurityCode } from '../../core/applicationNumber.js';
import { NewCaseInput } from '../../core/case.js';
import { prepareCase } from '../../core/caseRules.js';
import type { Catalogue } from '../../core/catalogue.js';
import { searchSubjects } from '../../core/catalogue/defaultCatalogue.js';
import { countCases, insertCase } from '../../db/caseRepository.js';
import type { DeskConfig } from './config.js';

/** Callers the simulated queue cycles through in demo mode (fictional people and numbers). */
export const demoCallers = [
  { number: '905321112233', name: 'Vatandaş Ali' },
  { number: '905427654321', name: 'Fatma Şahin' },
  { number: '902125550142', name: null },
  { number: '905059998877', name: 'İbrahim Işık' },
];

export const demoAgents = [
  { interface: 'Local/1001@sim-agent/n', name: 'Ayşe Yılmaz', stateInterface: 'Custom:1001' },
  { interface: 'Local/1002@sim-agent/n', name: 'Mehmet Demir', stateInterface: 'Custom:1002' },
];

const demoCases: Array<{ daysAgo: number; subjectQuery: string; input: Pick<NewCaseInput, 'subject' | 'description' | 'outcome' | 'phone' | 'citizenName'> }> = [
  {
    daysAgo: 12,
    subjectQuery: 'sokak lambası',
    input: {
      subject: 'Sokak lambası yanmıyor',
      description: 'Çınar Sokak 14 önündeki aydınlatma direği üç gündür yanmıyor.',
      outcome: 'forwarded',
      phone: '905321112233',
      citizenName: 'Ali Vatandaş',
    },
  },
  {
    daysAgo: 3,
    subjectQuery: 'çöp',
    input: {
      subject: 'Çöp konteyneri boşaltılmadı',
      description: 'Mahalledeki konteyner bir haftadır alınmadı; koku şikâyeti.',
      outcome: 'forwarded',
      phone: '905321112233',
      citizenName: 'Ali Vatandaş',
    },
  },
  {
    daysAgo: 1,
    subjectQuery: 'su kesintisi',
    input: {
      subject: 'Su kesintisi bilgisi',
      description: 'Planlı su kesintisinin saat 17.00’de biteceği bilgisi verildi.',
      outcome: 'resolved',
      phone: '905427654321',
      citizenName: 'Fatma Şahin',
    },
  },
];

/**
 * Demo cases only on a demo desk (no PBX configured) whose cases stay its own: with its embedded
 * server, or alone. A demo desk pointed at a shared server would push them there, and every such
 * desk would add the same three citizens' cases again (issue 18).
 */
export function seedsDemoCases(config: Pick<DeskConfig, 'ami' | 'server'>): boolean {
  return config.ami === null && config.server.mode !== 'remote';
}

/** Gives a first-run demo desk a few past cases so the screen-pop has history to show. */
export function seedDemoCases(db: Database, catalogue: Catalogue, now: Date): void {
  if (countCases(db) > 0) return;
  for (const { daysAgo, subjectQuery, input } of demoCases) {
    const at = new Date(now.getTime() - daysAgo * 86_400_000);
    const subject = searchSubjects(catalogue, subjectQuery, 1)[0] ?? null;
    const full = NewCaseInput.parse({ ...input, subjectCode: subject?.code ?? null, type: subject?.defaultType, linkedid: null });
    insertCase(db, prepareCase(full, catalogue, at), { now: at, actor: 'demo', securityCode: generateSecurityCode() });
  }
}
