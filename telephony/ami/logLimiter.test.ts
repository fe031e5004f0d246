import { describe, expect, it } from 'vitest';
import { createLogLimiter } from './logLimiter.js';

function limiter(burst = 3, intervalMs = 10_000) {
  let at = 1_000_000;
  const lines: string[] = [];
  const limited = createLogLimiter({ log: (line) => lines.push(line), now: () => at, intervalMs, burst });
  return { limited, lines, advance: (ms: number) => (at += ms) };
}

describe('createLogLimiter', () => {
  it('writes the first lines of a kind per interval and sums up the rest when it is over', () => {
    const { limited, lines, advance } = limiter();
    for (let i = 0; i < 1000; i++) limited.line('malformed', `bad ${i}`, 'malformed frames skipped');
    expect(lines).toEqual(['bad 0', 'bad 1', 'bad 2']);
    advance(9_999);
    limited.flush();
    expect(lines).toHaveLength(3);
    advance(1);
    limited.flush();
    expect(lines.slice(3)).toEqual(['AMI: 997 more malformed frames skipped within 10 s']);
    // A new interval starts with the next line.
    limited.line('malformed', 'bad again', 'malformed frames skipped');
    expect(lines.at(-1)).toBe('bad again');
  });

  it('writes the summary before the first line of the next interval when nothing flushed', () => {
    const { limited, lines, advance } = limiter(1);
    limited.line('k', 'one', 'ks');
    limited.line('k', 'two', 'ks');
    limited.line('k', 'three', 'ks');
    advance(15_000);
    limited.line('k', 'four', 'ks');
    expect(lines).toEqual(['one', 'AMI: 2 more ks within 10 s', 'four']);
  });

  it('counts each kind on its own; flush(all) sums up the current intervals too; no summary when nothing was left out', () => {
    const { limited, lines } = limiter(2);
    for (let i = 0; i < 5; i++) {
      limited.line('a', `a${i}`, 'as');
      limited.line('b', `b${i}`, 'bs');
    }
    limited.line('c', 'c0', 'cs');
    expect(lines).toEqual(['a0', 'b0', 'a1', 'b1', 'c0']);
    limited.flush(true);
    expect(lines.slice(5)).toEqual(['AMI: 3 more as within 10 s', 'AMI: 3 more bs within 10 s']);
    limited.flush(true);
    expect(lines).toHaveLength(7);
  });
});
