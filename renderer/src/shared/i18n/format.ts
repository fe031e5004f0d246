import type { Language } from './resources.js';

const TIME_ZONE = 'Europe/Istanbul';
// en-GB keeps day-month order and a 24-hour clock, which is what the staff read everywhere else.
const LOCALE: Record<Language, string> = { tr: 'tr-TR', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat>();
type Kind = 'dateTime' | 'date' | 'time' | 'timeSeconds';
function formatter(lng: Language, kind: Kind): Intl.DateTimeFormat {
  const key = `${lng}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { timeZone: TIME_ZONE, hourCycle: 'h23' };
    if (kind === 'dateTime' || kind === 'date') Object.assign(options, { day: '2-digit', month: '2-digit', year: 'numeric' });
    if (kind !== 'date') Object.assign(options, { hour: '2-digit', minute: '2-digit' });
    if (kind === 'timeSeconds') Object.assign(options, { second: '2-digit' });
    f = new Intl.DateTimeFormat(LOCALE[lng], options);
    cache.set(key, f);
  }
  return f;
}

function format(iso: string, lng: Language, kind: Kind): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '—' : formatter(lng, kind).format(ms);
}

export const formatDateTime = (iso: string, lng: Language) => format(iso, lng, 'dateTime');
export const formatDate = (iso: string, lng: Language) => format(iso, lng, 'date');
export const formatTime = (iso: string, lng: Language) => format(iso, lng, 'time');
/** HH:mm:ss in Istanbul time. */
export const formatTimeSeconds = (iso: string, lng: Language) => format(iso, lng, 'timeSeconds');

const numberFormats = new Map<Language, Intl.NumberFormat>();
/** 100000 → "100.000" in Turkish, "100,000" in English. */
export function formatCount(n: number, lng: Language): string {
  let f = numberFormats.get(lng);
  if (!f) numberFormats.set(lng, (f = new Intl.NumberFormat(LOCALE[lng])));
  return f.format(n);
}

/** 8388608 → "8 MB"; 1536 → "1,5 KB" (Turkish decimal comma). */
export function formatBytes(bytes: number, lng: Language): string {
  const units = ['B', 'KB', 'MB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(LOCALE[lng], { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** Call timer: m:ss, or h:mm:ss past an hour. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
