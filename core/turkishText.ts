/**
 * Turkish-aware folding for search: "isik", "IŞIK" and "Işık" must meet, and "IZMIT" must find
 * "İzmit". Locale-free toLowerCase() maps I→i (wrong in Turkish) and İ→i̇ (i + combining dot),
 * so the Turkish letters are mapped by hand first, on both the indexed text and the query.
 */
const TURKISH_FOLD: Record<string, string> = {
  İ: 'i', I: 'i', ı: 'i', i: 'i',
  Ş: 's', ş: 's',
  Ğ: 'g', ğ: 'g',
  Ç: 'c', ç: 'c',
  Ö: 'o', ö: 'o',
  Ü: 'u', ü: 'u',
  Â: 'a', â: 'a', Î: 'i', î: 'i', Û: 'u', û: 'u',
};

export function foldTurkish(text: string): string {
  return text
    .replace(/[İIıiŞşĞğÇçÖöÜüÂâÎîÛû]/g, (ch) => TURKISH_FOLD[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Display case for Turkish text (i→İ, ı→I), for headings and badges. */
export function toTurkishUpper(text: string): string {
  return text.toLocaleUpperCase('tr-TR');
}

const collator = new Intl.Collator('tr-TR', { sensitivity: 'base', numeric: true });

/** Sort order a Turkish reader expects (ç after c, ı before i, ş after s). */
export function compareTurkish(a: string, b: string): number {
  return collator.compare(a, b);
}
