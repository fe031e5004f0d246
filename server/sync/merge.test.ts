import { describe, expect, it } from 'vitest';
import type { ServerCase } from '../../sync/protocol.js';
import { mergeFields } from './merge.js';

const base: ServerCase = {
  applicationNo: '2026-0000001-5',
  type: 'complaint',
  subject: 'Yol',
  subjectCode: null,
  channel: 'phone',
  priority: 'normal',
  confidential: false,
  urgent: false,
  description: 'Çukur',
  phone: null,
  citizenName: null,
  tcKimlikNo: null,
  address: null,
  linkedid: null,
  dueAt: null,
  incidentId: null,
  status: 'in-progress',
  unitCode: 'fen-isleri',
  resolution: null,
  firstContactResolution: false,
  version: 4,
  createdAt: '2026-11-25T09:00:00.000Z',
  updatedAt: '2026-11-25T09:00:00.000Z',
};
const at = '2026-11-25T10:00:00.000Z';

describe('the conflict rule (mergeFields)', () => {
  it('takes each named desk field and leaves the others', () => {
    const r = mergeFields(base, { priority: 'high' }, at);
    expect(r.next).toEqual({ ...base, priority: 'high', version: 5, updatedAt: at });
    expect(r.changed).toEqual({ priority: { from: 'normal', to: 'high' } });
  });

  it('lets two desks editing different fields both win, in arrival order', () => {
    const first = mergeFields(base, { description: 'Büyük çukur' }, at).next;
    const second = mergeFields(first, { citizenName: 'Ali' }, at).next;
    expect(second).toMatchObject({ description: 'Büyük çukur', citizenName: 'Ali', version: 6 });
  });

  it('drops workflow fields and reports them as ignored', () => {
    const r = mergeFields(base, { status: 'closed', unitCode: 'zabita', resolution: 'Bitti', subject: 'Yol çökmesi' }, at);
    expect(r.next).toMatchObject({ status: 'in-progress', unitCode: 'fen-isleri', resolution: null, subject: 'Yol çökmesi' });
    expect(r.ignored).toEqual({ status: 'closed', unitCode: 'zabita', resolution: 'Bitti' });
  });

  it('changes nothing, not even the version, when every value is already there', () => {
    const r = mergeFields(base, { priority: 'normal', status: 'in-progress' }, at);
    expect(r.next).toBe(base);
    expect(r.changed).toEqual({});
    expect(r.ignored).toEqual({});
  });
});
