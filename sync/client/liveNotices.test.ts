import { describe, expect, it } from 'vitest';
import type { ChangeWithCursor, LiveNotice } from '../protocol.js';
import { createLiveNotices } from './liveNotices.js';

/** Only what the queue looks at: the entry's cursor (its seq names it in the assertions). */
const entry = (cursor: string) => ({ seq: cursor.split('.')[1]!, cursor }) as ChangeWithCursor;
const notice = (from: string, to: string, cursors?: string[]): LiveNotice => ({ from, to, changes: cursors?.map(entry) });

function store(cursor: string) {
  const applied: Array<{ seqs: string[]; cursor: string }> = [];
  return {
    applied,
    cursor: () => cursor,
    applyPulled(changes: { seq: string }[], next: string) {
      applied.push({ seqs: changes.map((c) => c.seq), cursor: next });
      cursor = next;
    },
  };
}

describe('live notices on the desk', () => {
  it('applies notices that follow on from the cursor, in order, without a pull', () => {
    const notices = createLiveNotices();
    notices.add(notice('7.3', '8.1', ['7.4', '8.1']));
    notices.add(notice('8.1', '9.2', ['9.2']));
    const desk = store('7.3');
    expect(notices.apply(desk)).toBe(true);
    expect(desk.applied).toEqual([
      { seqs: ['4', '1'], cursor: '8.1' },
      { seqs: ['2'], cursor: '9.2' },
    ]);
  });

  it('applies only what the desk lacks when its cursor lies inside a notice, and nothing twice', () => {
    const notices = createLiveNotices();
    notices.add(notice('7.3', '9.2', ['7.4', '8.1', '9.2']));
    notices.add(notice('9.2', '9.5', []));
    const desk = store('8.1');
    expect(notices.apply(desk)).toBe(true);
    expect(desk.applied).toEqual([
      { seqs: ['2'], cursor: '9.2' },
      { seqs: [], cursor: '9.5' },
    ]);
    notices.add(notice('7.3', '9.5', ['7.4', '8.1', '9.2']));
    expect(notices.apply(desk)).toBe(true);
    expect(desk.applied).toHaveLength(2);
  });

  it('reads a numeric cursor from before issue 15 as a place in the same order', () => {
    const notices = createLiveNotices();
    notices.add(notice('0.41', '12.7', ['0.42', '12.7']));
    const desk = store('41');
    expect(notices.apply(desk)).toBe(true);
    expect(desk.applied).toEqual([{ seqs: ['42', '7'], cursor: '12.7' }]);
  });

  it('asks for a pull at a gap, a bare notice or a notice without its changes, and keeps them until one covers them', () => {
    const notices = createLiveNotices();
    const desk = store('5.1');
    notices.add(notice('6.1', '6.2', ['6.2']));
    expect(notices.apply(desk)).toBe(false);
    expect(desk.applied).toEqual([]);
    const covered = notices.mark();
    notices.add(notice('6.2', '6.3', ['6.3']));
    // The pull brought the log up to 6.2; the notice that came during it follows on.
    desk.applyPulled([], '6.2');
    expect(notices.apply(desk, covered)).toBe(true);
    expect(desk.applied.at(-1)).toEqual({ seqs: ['3'], cursor: '6.3' });

    notices.add(null);
    expect(notices.apply(desk)).toBe(false);
    notices.add(notice('6.3', '6.9'));
    expect(notices.apply(desk, notices.mark() - 1)).toBe(false);
    expect(notices.apply(desk, notices.mark())).toBe(true);
  });

  it('stops keeping notices that pile up and asks for a pull instead', () => {
    const notices = createLiveNotices();
    const desk = store('1.1');
    for (let i = 0; i < 300; i += 1) notices.add(notice(`2.${i}`, `2.${i + 1}`, []));
    expect(notices.apply(desk)).toBe(false);
    expect(notices.apply(desk, notices.mark())).toBe(true);
    expect(desk.applied).toEqual([]);
  });
});
