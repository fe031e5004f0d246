/** Display helpers for the wallboard: clock-like durations, one-decimal percentages, counts. */

export type WallboardLanguage = 'tr' | 'en';

// en-GB: day-month order and a 24-hour clock, as the rest of the desk shows.
const LOCALE: Record<WallboardLanguage, string> = { tr: 'tr-TR', en: 'en-GB' };
export const DASH = '—';

const pad2 = (n: number) => String(n).padStart(2, '0');
const wholeSeconds = (sec: number) => Math.max(0, Math.floor(sec));

/** Waits: mm:ss, minutes keep counting past the hour (75 min → "75:00"). null → "—". */
export function formatMmSs(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return DASH;
  const total = wholeSeconds(sec);
  return `${pad2(Math.floor(total / 60))}:${pad2(total % 60)}`;
}

/** Averages (ASA): rounded to the nearest second, then mm:ss. */
export function formatAverageMmSs(sec: number | null): string {
  return sec === null || !Number.isFinite(sec) ? DASH : formatMmSs(Math.round(sec));
}

/** Time in state: mm:ss, or h:mm:ss from an hour on (an agent logged out overnight). */
export function formatDurationSec(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return DASH;
  const total = wholeSeconds(sec);
  const h = Math.floor(total / 3600);
  if (h === 0) return formatMmSs(total);
  return `${h}:${pad2(Math.floor((total % 3600) / 60))}:${pad2(total % 60)}`;
}

const percentFormats = new Map<WallboardLanguage, Intl.NumberFormat>();
/** 95.34 → "%95,3" in Turkish (the sign comes first), "95.3%" in English; null → "—". */
export function formatPercent(pct: number | null, lng: WallboardLanguage): string {
  if (pct === null || !Number.isFinite(pct)) return DASH;
  let f = percentFormats.get(lng);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lng], { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    percentFormats.set(lng, f);
  }
  return f.format(pct / 100);
}

const countFormats = new Map<WallboardLanguage, Intl.NumberFormat>();
/** 12345 → "12.345" in Turkish, "12,345" in English. */
export function formatCount(n: number, lng: WallboardLanguage): string {
  let f = countFormats.get(lng);
  if (!f) countFormats.set(lng, (f = new Intl.NumberFormat(LOCALE[lng])));
  return f.format(n);
}

const clockFormats = new Map<WallboardLanguage, Intl.DateTimeFormat>();
/** An instant as HH:mm in Istanbul time, whatever the machine's zone. */
export function formatClock(epochMs: number, lng: WallboardLanguage): string {
  let f = clockFormats.get(lng);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lng], { timeZone: 'Europe/Istanbul', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormats.set(lng, f);
  }
  return f.format(epochMs);
}
