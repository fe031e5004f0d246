import { describe, expect, it } from 'vitest';
import type { CaseRecord } from './case.js';
import { IncidentDeclaration, callerContextOf, matchIncidents, type CallerContext, type Incident } from './incident.js';

const NOW = new Date('2026-11-25T12:00:00.000Z');

function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id: `00000000-0000-4000-8000-00000000000${id}`,
    subjectCode: 'su.kesinti',
    unitCode: 'su-idaresi',
    districts: ['Kadıköy'],
    neighbourhoods: [],
    message: 'Su 18.00’de gelecek.',
    startsAt: '2026-11-25T09:00:00.000Z',
    expectedEndAt: null,
    announceQueues: [],
    announcementSound: null,
    status: 'active',
    resolution: null,
    closedAt: null,
    declaredBy: 'Zeynep',
    createdAt: '2026-11-25T09:00:00.000Z',
    updatedAt: '2026-11-25T09:00:00.000Z',
    version: 1,
    attachedCount: 0,
    attachedRecently: 0,
    ...overrides,
  };
}

const caller = (overrides: Partial<CallerContext> = {}): CallerContext => ({
  district: null,
  neighbourhood: null,
  openCaseSubjects: [],
  attachedIncidentIds: [],
  subjectCode: null,
  ...overrides,
});

const ids = (list: ReturnType<typeof matchIncidents>) => list.map((s) => [s.incident.id.slice(-1), s.reason]);

describe('matchIncidents', () => {
  it('offers an incident to a caller of its district, whatever the case of the letters (KADIKÖY, kadıköy ilçesi)', () => {
    const water = incident('1');
    for (const district of ['Kadıköy', 'KADIKÖY', 'kadıköy ilçesi']) {
      expect(ids(matchIncidents([water], caller({ district }), NOW))).toEqual([['1', 'district']]);
    }
    expect(matchIncidents([water], caller({ district: 'Üsküdar' }), NOW)).toEqual([]);
  });

  it('an incident naming neighbourhoods is offered in those only; a caller whose neighbourhood is unknown gets it for the district', () => {
    const caferaga = incident('1', { neighbourhoods: ['Caferağa'] });
    expect(ids(matchIncidents([caferaga], caller({ district: 'Kadıköy', neighbourhood: 'CAFERAĞA Mahallesi' }), NOW))).toEqual([['1', 'neighbourhood']]);
    expect(matchIncidents([caferaga], caller({ district: 'Kadıköy', neighbourhood: 'Moda' }), NOW)).toEqual([]);
    expect(ids(matchIncidents([caferaga], caller({ district: 'Kadıköy' }), NOW))).toEqual([['1', 'district']]);
  });

  it('offers by an open case under the subject, or by the subject being typed, when the address says nothing', () => {
    const water = incident('1');
    expect(ids(matchIncidents([water], caller({ openCaseSubjects: ['su.kesinti'] }), NOW))).toEqual([['1', 'open-case']]);
    expect(ids(matchIncidents([incident('1', { subjectCode: 'su' })], caller({ subjectCode: 'su.kesinti' }), NOW))).toEqual([['1', 'subject']]);
    expect(matchIncidents([water], caller({ subjectCode: 'su.kesintisiz' }), NOW)).toEqual([]);
  });

  it('puts the incident the caller is already attached to first, then the closest; closed and not yet started ones are not offered', () => {
    const list = [
      incident('1', { districts: ['Üsküdar'] }),
      incident('2'),
      incident('3', { neighbourhoods: ['Caferağa'] }),
      incident('4', { status: 'closed', closedAt: NOW.toISOString() }),
      incident('5', { startsAt: '2026-11-25T13:00:00.000Z' }),
    ];
    const who = caller({ district: 'Kadıköy', neighbourhood: 'Caferağa', attachedIncidentIds: [list[0]!.id] });
    expect(ids(matchIncidents(list, who, NOW))).toEqual([
      ['1', 'attached'],
      ['3', 'neighbourhood'],
      ['2', 'district'],
    ]);
  });

  it('offers at most nine (Alt+1..9)', () => {
    const many = Array.from({ length: 12 }, (_, i) => incident('1', { id: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}` }));
    expect(matchIncidents(many, caller({ district: 'Kadıköy' }), NOW)).toHaveLength(9);
  });
});

describe('callerContextOf', () => {
  const aCase = (overrides: Partial<CaseRecord>) => ({ subjectCode: null, sla: 'done', address: null, incidentId: null, ...overrides }) as CaseRecord;

  it('takes the address on record, else the latest case that has one; open subjects and attached incidents from the cases', () => {
    const cases = [
      aCase({ subjectCode: 'su.kesinti', sla: 'on-time', incidentId: 'x' }),
      aCase({ address: { district: 'Maltepe', neighbourhood: null, street: null, detail: null } }),
    ];
    expect(callerContextOf(cases, null)).toEqual({ district: 'Maltepe', neighbourhood: null, openCaseSubjects: ['su.kesinti'], attachedIncidentIds: ['x'], subjectCode: null });
    expect(callerContextOf(cases, { district: 'Kadıköy', neighbourhood: 'Moda', street: null, detail: null }).district).toBe('Kadıköy');
  });
});

describe('IncidentDeclaration', () => {
  const base = { subjectCode: 'su.kesinti', unitCode: 'su-idaresi', districts: ['Kadıköy'], message: 'Su kesik.', startsAt: NOW.toISOString() };
  it('refuses an empty message, no district, an end before the start, and a sound name the dialplan would misread', () => {
    expect(IncidentDeclaration.safeParse(base).success).toBe(true);
    for (const bad of [{ message: '   ' }, { districts: [] }, { expectedEndAt: '2026-11-25T11:00:00.000Z' }, { announcementSound: 'custom/a,b' }, { announceQueues: ['alo 153'] }]) {
      expect(IncidentDeclaration.safeParse({ ...base, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('matchIncidents: an open case elsewhere', () => {
  it('does not offer another district’s incident for an open case under its subject; a caller of unknown address still gets it', () => {
    const water = incident('1');
    expect(matchIncidents([water], caller({ district: 'Şişli', openCaseSubjects: ['su.kesinti'] }), NOW)).toEqual([]);
    expect(ids(matchIncidents([water], caller({ district: null, openCaseSubjects: ['su.kesinti'] }), NOW))).toEqual([['1', 'open-case']]);
  });
});
