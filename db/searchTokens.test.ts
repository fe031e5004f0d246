import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { caseFacets, facetToken, istanbulMonth, searchTokens } from './searchTokens.js';

describe('searchTokens', () => {
  it('folds Turkish and splits like the index, each word once', () => {
    expect(searchTokens('Işıklandırma İZMİT ışıklandırma')).toEqual(['isiklandirma', 'izmit']);
    expect(searchTokens('Şehitler Caddesi’nde, 14/B — ÇÖP!')).toEqual(['sehitler', 'caddesi', 'nde', '14', 'b', 'cop']);
    expect(searchTokens('"*:^-()')).toEqual([]);
  });

  it('never yields a facet token, whatever is typed', () => {
    const facet = facetToken('status', 'forwarded');
    expect(searchTokens(facet)).toEqual(['s666f72776172646564']);
    expect(searchTokens(facet).some((t) => t.includes('\uE000'))).toBe(false);
  });
});

describe('facets', () => {
  it('are single tokens for FTS5, apart from every typed word', () => {
    const db = new BetterSqlite3(':memory:');
    try {
      db.exec(`CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2')`);
      db.exec(`CREATE VIRTUAL TABLE v USING fts5vocab (t, row)`);
      const facets = caseFacets({ status: 'in-progress', unitCode: 'fen-isleri', subjectCode: null, channel: 'web-form', createdAt: '2025-12-31T21:30:00.000Z' });
      db.prepare('INSERT INTO t (x) VALUES (?)').run(facets);
      const terms = db.prepare<[], string>('SELECT term FROM v ORDER BY term').pluck().all();
      expect(terms).toEqual(
        [facetToken('status', 'in-progress'), facetToken('unit', 'fen-isleri'), facetToken('channel', 'web-form'), facetToken('month', '2026-01')].sort(),
      );
      expect(db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck().get(`"${facetToken('unit', 'fen-isleri')}"`)).toBe(1);
      expect(db.prepare('SELECT count(*) FROM t WHERE t MATCH ?').pluck().get('"fen"*')).toBe(0);
    } finally {
      db.close();
    }
  });

  it('put a case in its Istanbul month', () => {
    expect(istanbulMonth(new Date('2025-12-31T20:59:59.999Z'))).toBe('2025-12');
    expect(istanbulMonth(new Date('2025-12-31T21:00:00.000Z'))).toBe('2026-01');
  });
});
