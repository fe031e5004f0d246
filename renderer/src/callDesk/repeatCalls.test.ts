import { describe, expect, it } from 'vitest';
import { aCase } from '../shared/testing/fixtures.js';
import { repeatCallFor } from './repeatCalls.js';

const lamp = aCase({ id: 1, subjectCode: 'aydinlatma.lamba', linkedid: '100.1' });
const water = aCase({ id: 2, subjectCode: 'su.kesinti', linkedid: '200.2' });
const free = aCase({ id: 3, subjectCode: null, linkedid: null });

describe('repeatCallFor (the narrowing rule)', () => {
  it('flags nothing without candidates', () => {
    expect(repeatCallFor([], null, '900.9')).toBeNull();
    expect(repeatCallFor([], 'su.kesinti', '900.9')).toBeNull();
  });

  it('shows every recent case while no subject is picked', () => {
    expect(repeatCallFor([lamp, water, free], null, '900.9')).toEqual({ match: 'all', cases: [lamp, water, free] });
  });

  it('narrows to the picked subject and says so', () => {
    expect(repeatCallFor([lamp, water, free], 'su.kesinti', '900.9')).toEqual({ match: 'same-subject', cases: [water] });
  });

  it('keeps all of them, said as other subjects, when none is about the picked subject', () => {
    expect(repeatCallFor([lamp, free], 'su.kesinti', '900.9')).toEqual({ match: 'other-subjects', cases: [lamp, free] });
  });

  it('does not count a case written on this very call as a repeat', () => {
    expect(repeatCallFor([lamp], null, '100.1')).toBeNull();
    expect(repeatCallFor([lamp, water], 'aydinlatma.lamba', '100.1')).toEqual({ match: 'other-subjects', cases: [water] });
  });
});
