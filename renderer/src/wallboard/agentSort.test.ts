import { describe, expect, it } from 'vitest';
import { displayName, nextSort, sortAgents } from './agentSort.js';
import { T0, anAgent } from './testing/queueFixtures.js';

const names = ['Şule Kaya', 'Zeynep Ak', 'Ömer Demir', 'İsmail Ateş', 'Işıl Er', 'Çağlar Tan', 'Can Oral', 'Ilgaz Su', 'Oğuz Bal', 'Ümit Kar', 'Ufuk Gün', 'Sema Yıldız'];
const rows = names.map((name, i) => anAgent({ interface: `PJSIP/${1000 + i}`, name }));

describe('sortAgents', () => {
  it('sorts names in Turkish order: C < Ç, I < İ, O < Ö, S < Ş, U < Ü', () => {
    expect(sortAgents(rows, { key: 'name', dir: 'asc' }).map(displayName)).toEqual([
      'Can Oral',
      'Çağlar Tan',
      'Ilgaz Su',
      'Işıl Er',
      'İsmail Ateş',
      'Oğuz Bal',
      'Ömer Demir',
      'Sema Yıldız',
      'Şule Kaya',
      'Ufuk Gün',
      'Ümit Kar',
      'Zeynep Ak',
    ]);
    expect(sortAgents(rows, { key: 'name', dir: 'desc' }).map(displayName)[0]).toBe('Zeynep Ak');
  });

  it('sorts by state in floor order, ties by name', () => {
    const floor = [
      anAgent({ interface: 'a', name: 'Şule', state: 'paused' }),
      anAgent({ interface: 'b', name: 'Ömer', state: 'on-call' }),
      anAgent({ interface: 'c', name: 'Çağlar', state: 'available' }),
      anAgent({ interface: 'd', name: 'İsmail', state: 'logged-out' }),
      anAgent({ interface: 'e', name: 'Işıl', state: 'on-call' }),
      anAgent({ interface: 'f', name: 'Can', state: 'wrap-up' }),
      anAgent({ interface: 'g', name: 'Ufuk', state: 'ringing' }),
    ];
    expect(sortAgents(floor, { key: 'state', dir: 'asc' }).map((r) => r.name)).toEqual(['Çağlar', 'Ufuk', 'Işıl', 'Ömer', 'Can', 'Şule', 'İsmail']);
    // Descending flips the states, not the names within one.
    expect(sortAgents(floor, { key: 'state', dir: 'desc' }).map((r) => r.name)).toEqual(['İsmail', 'Şule', 'Can', 'Işıl', 'Ömer', 'Ufuk', 'Çağlar']);
  });

  it('sorts by time in state, longest first when descending', () => {
    const timed = [
      anAgent({ interface: 'a', name: 'Ömer', stateSince: T0 - 10_000 }),
      anAgent({ interface: 'b', name: 'Çağlar', stateSince: T0 - 600_000 }),
      anAgent({ interface: 'c', name: 'Işıl', stateSince: T0 - 60_000 }),
    ];
    expect(sortAgents(timed, { key: 'time', dir: 'desc' }).map((r) => r.name)).toEqual(['Çağlar', 'Işıl', 'Ömer']);
    expect(sortAgents(timed, { key: 'time', dir: 'asc' }).map((r) => r.name)).toEqual(['Ömer', 'Işıl', 'Çağlar']);
  });

  it('falls back to the interface for a nameless agent and does not touch its input', () => {
    const input = [anAgent({ interface: 'PJSIP/1002', name: ' ' }), anAgent({ interface: 'PJSIP/1001', name: 'Ayşe' })];
    const copy = [...input];
    expect(sortAgents(input, { key: 'name', dir: 'asc' }).map(displayName)).toEqual(['Ayşe', 'PJSIP/1002']);
    expect(input).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the current column and starts another ascending (time: longest first)', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'state')).toEqual({ key: 'state', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'time')).toEqual({ key: 'time', dir: 'desc' });
  });
});
