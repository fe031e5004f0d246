import { describe, expect, it } from 'vitest';
import { formatHoursMinutes, nextAgentSort, pausedColumn, pauseReasons, sortAgentStats } from './agentStatsTable.js';
import { anAgentStatsReport, anAgentStatsRow } from './testing/statsFixtures.js';

const { agents } = anAgentStatsReport();
const names = (rows: ReadonlyArray<{ name: string }>) => rows.map((r) => r.name);

describe('agent statistics table', () => {
  it('sorts names in Turkish order: Ç after C, I before İ, Ş after S', () => {
    const more = [...agents, anAgentStatsRow({ agent: 'PJSIP/1005', name: 'Cem Ak' }), anAgentStatsRow({ agent: 'PJSIP/1006', name: 'Selin Su' })];
    expect(names(sortAgentStats(more, { column: 'name', dir: 'asc' }))).toEqual(['Cem Ak', 'Çağlar Tan', 'Işıl Er', 'İsmail Cem', 'Selin Su', 'Şule Kaya']);
    expect(names(sortAgentStats(more, { column: 'name', dir: 'desc' }))[0]).toBe('Şule Kaya');
  });

  it('sorts a figure by value, agents without one last either way, ties by name', () => {
    expect(names(sortAgentStats(agents, { column: 'answered', dir: 'desc' }))).toEqual(['Çağlar Tan', 'İsmail Cem', 'Şule Kaya', 'Işıl Er']);
    expect(names(sortAgentStats(agents, { column: 'occupancyPct', dir: 'asc' }))).toEqual(['Işıl Er', 'Şule Kaya', 'İsmail Cem', 'Çağlar Tan']);
    expect(names(sortAgentStats(agents, { column: 'occupancyPct', dir: 'desc' }))).toEqual(['İsmail Cem', 'Şule Kaya', 'Işıl Er', 'Çağlar Tan']);
    // A reason an agent never paused for counts as zero.
    expect(names(sortAgentStats(agents, { column: pausedColumn('yemek'), dir: 'desc' }))).toEqual(['Şule Kaya', 'Çağlar Tan', 'Işıl Er', 'İsmail Cem']);
  });

  it('flips the direction on the same column; another starts A→Z for names, largest first for figures', () => {
    expect(nextAgentSort({ column: 'name', dir: 'asc' }, 'name')).toEqual({ column: 'name', dir: 'desc' });
    expect(nextAgentSort({ column: 'name', dir: 'asc' }, 'answered')).toEqual({ column: 'answered', dir: 'desc' });
    expect(nextAgentSort({ column: 'answered', dir: 'desc' }, 'answered')).toEqual({ column: 'answered', dir: 'asc' });
    expect(nextAgentSort({ column: 'answered', dir: 'desc' }, 'name')).toEqual({ column: 'name', dir: 'asc' });
  });

  it('gives a column per pause reason present, a pause without a reason last', () => {
    expect(pauseReasons(agents)).toEqual(['mola', 'yemek', '']);
    expect(pauseReasons([])).toEqual([]);
  });

  it('writes time on the job as hours and minutes', () => {
    expect(formatHoursMinutes(6600)).toBe('1:50');
    expect(formatHoursMinutes(59)).toBe('0:01');
    expect(formatHoursMinutes(0)).toBe('0:00');
    expect(formatHoursMinutes(30 * 3600 + 5 * 60)).toBe('30:05');
  });
});
