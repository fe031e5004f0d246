// The department page's pure logic: words, Istanbul time, phone and address display, due-date
// buckets, sorting and form checks. No DOM and no clock of its own (every function that needs
// "now" is given it), so the unit tests run it in Node (departmentPageLogic.test.ts) and the page
// (page.js) imports the same file.

/** Europe/Istanbul, whatever zone the clerk's computer is set to (the desk shows the same times). */
export const TIME_ZONE = 'Europe/Istanbul';

/** An open case this close to its due time is "due soon": core/sla.ts DUE_SOON_MS. */
const DUE_SOON_MS = 24 * 60 * 60 * 1000;
const DONE = new Set(['resolved', 'closed', 'rejected']);

/** The desk's words (renderer/src/shared/i18n/locales/tr.json), so a case reads the same on both. */
export const ROLE_NAMES = {
  operator: 'Çağrı karşılama',
  'feedback-operator': 'Geri bildirim',
  'team-lead': 'Takım lideri',
  department: 'Birim kullanıcısı',
  admin: 'Sistem yöneticisi',
};
export const STATUS_NAMES = {
  new: 'Yeni',
  forwarded: 'Birime yönlendirildi',
  'in-progress': 'İşlemde',
  resolved: 'Çözüldü',
  closed: 'Kapatıldı',
  reopened: 'Yeniden açıldı',
  rejected: 'Reddedildi',
};
export const SLA_NAMES = { 'on-time': 'Süresinde', 'due-soon': 'Süresi yaklaşıyor', overdue: 'Süresi geçti', done: 'Tamamlandı' };
export const UNIT_KIND_NAMES = { directorate: 'Müdürlükler', district: 'İlçe belediyeleri', external: 'Kurum dışı' };
/** The due-date filter: every open case with a due date is in exactly one of the three buckets. */
export const DUE_FILTER_NAMES = { all: 'Tümü', overdue: 'Süresi geçenler', today: 'Bugün dolanlar', later: 'Daha sonra dolanlar' };

const parts = new Intl.DateTimeFormat('tr-TR', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function civil(instant) {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { day: `${p.day}.${p.month}.${p.year}`, time: `${p.hour}:${p.minute}` };
}

/** `2026-11-25T08:26:00Z` → `25.11.2026 11:26` (Istanbul); '' for no or an unreadable time. */
export function formatDateTime(iso) {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return '';
  const c = civil(d);
  return `${c.day} ${c.time}`;
}

/** A due time as a clerk reads it: `Bugün 17:00` on today's Istanbul date, else the full date. */
export function formatDue(iso, now) {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return '';
  const c = civil(d);
  return c.day === civil(now).day ? `Bugün ${c.time}` : `${c.day} ${c.time}`;
}

/** The Istanbul time of day of an instant, `11:26`: the page's "updated at". */
export function formatClock(instant) {
  return civil(instant).time;
}

/** The 10-character national part of a Turkish number's digits (`*` for masked ones), else null. */
function nationalPart(digits) {
  if (digits.length === 10) return digits;
  if (digits.length === 11 && digits.startsWith('0')) return digits.slice(1);
  if (digits.length === 12 && digits.startsWith('90')) return digits.slice(2);
  if (digits.length === 14 && digits.startsWith('0090')) return digits.slice(4);
  return null;
}

/**
 * A number as the desk shows it (core/phone.ts formatPhone, the same rules; the page cannot
 * import TypeScript): Turkish numbers in any stored or typed shape as `0532 111 22 33`, foreign
 * numbers, extensions and unknown shapes as they came.
 */
export function formatPhone(value) {
  if (!value) return '';
  const text = String(value);
  const match = /^(\+)?([0-9*]+)$/.exec(text.trim().replace(/[\s().\-/\u00A0]/g, ''));
  if (!match) return text;
  const digits = match[2];
  // With a +, only +90 is Turkish; +44… is a foreign number even when its length fits.
  const national = match[1] === undefined || digits.startsWith('90') ? nationalPart(digits) : null;
  if (national === null || !/^[2-9]/.test(national)) return text;
  return `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6, 8)} ${national.slice(8)}`;
}

/** Neighbourhood, street, door/detail, district: how a field team reads an address aloud. */
export function formatAddress(address) {
  if (!address) return '';
  return [address.neighbourhood, address.street, address.detail, address.district].filter((p) => p && p.trim() !== '').join(', ');
}

const dueTime = (c) => (c.dueAt ? new Date(c.dueAt).getTime() : Number.NaN);

/** Where a case stands against its due time now (core/sla.ts slaState): it can turn overdue on screen. */
export function slaOf(c, now) {
  if (DONE.has(c.status)) return 'done';
  const due = dueTime(c);
  if (Number.isNaN(due)) return 'on-time';
  const left = due - now.getTime();
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'due-soon' : 'on-time';
}

/** `overdue`, `today` (due later on today's Istanbul date), `later`; null for a finished case or one with no due date. */
export function dueBucket(c, now) {
  const due = dueTime(c);
  if (DONE.has(c.status) || Number.isNaN(due)) return null;
  if (due < now.getTime()) return 'overdue';
  return civil(new Date(due)).day === civil(now).day ? 'today' : 'later';
}

/** How many open cases each due filter shows, for the filter's labels. */
export function dueCounts(items, now) {
  const counts = { all: items.length, overdue: 0, today: 0, later: 0 };
  for (const item of items) {
    const bucket = dueBucket(item.case, now);
    if (bucket) counts[bucket] += 1;
  }
  return counts;
}

/** The inbox as filtered by due bucket (`all` keeps everything) and sorted: `due` or `created`. */
export function arrangeInbox(items, { due = 'all', sort = 'due' } = {}, now) {
  const kept = due === 'all' ? [...items] : items.filter((item) => dueBucket(item.case, now) === due);
  const created = (item) => new Date(item.case.createdAt).getTime();
  if (sort === 'created') return kept.sort((a, b) => created(b) - created(a));
  // Soonest due first; open cases without a due date after them, finished cases last; newest first within each.
  const rank = (item) => (DONE.has(item.case.status) ? 2 : Number.isNaN(dueTime(item.case)) ? 1 : 0);
  return kept.sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? dueTime(a.case) - dueTime(b.case) : 0) || created(b) - created(a));
}

/** The five actions' forms: what the field is called, how long it may be, and what the button says. */
export const ACTIONS = {
  assign: { button: 'Ata', title: 'Başvuruyu ata', field: 'assignee', label: 'Atanacak kişi', control: 'input', max: 120, submit: 'Ata', done: 'atandı' },
  note: { button: 'Not ekle', title: 'Not ekle', field: 'text', label: 'Not', control: 'textarea', max: 4000, submit: 'Notu kaydet', done: 'not eklendi' },
  resolve: { button: 'Çöz', title: 'Başvuruyu çöz', field: 'resolution', label: 'Çözüm açıklaması (vatandaşa bildirilecek)', control: 'textarea', max: 4000, submit: 'Çözüldü olarak kaydet', done: 'çözüldü olarak kaydedildi' },
  reject: { button: 'Reddet', title: 'Başvuruyu reddet', field: 'reason', label: 'Ret gerekçesi (vatandaşa bildirilecek)', control: 'textarea', max: 4000, submit: 'Reddet', done: 'reddedildi' },
  redirect: { button: 'Yönlendir', title: 'Başka birime yönlendir', field: 'unitCode', label: 'Yönlendirilecek birim', control: 'select', max: 64, submit: 'Yönlendir', done: 'yönlendirildi' },
};

/** Why a form's value cannot be sent, in Turkish, or null when it can. `currentUnit`: the case's unit (redirect). */
export function validateAction(action, value, currentUnit) {
  const spec = ACTIONS[action];
  const text = String(value ?? '').trim();
  if (text === '') return action === 'redirect' ? 'Bir birim seçin.' : 'Bu alan boş bırakılamaz.';
  if ([...text].length > spec.max) return `En fazla ${spec.max} karakter yazılabilir.`;
  if (action === 'redirect' && text === currentUnit) return 'Başvuru zaten bu birimde; başka bir birim seçin.';
  return null;
}

const SERVER_MESSAGES = {
  unauthorized: 'Kullanıcı adı ya da parola hatalı.',
  'rate-limited': 'Çok fazla hatalı deneme; biraz bekleyip yeniden deneyin.',
  forbidden: 'Bu işlem için yetkiniz yok.',
  'not-found': 'Başvuru bulunamadı; başka bir birime geçmiş olabilir. Listeyi yenileyin.',
  'text.required': 'Bu alan boş bırakılamaz.',
  'text.tooLong': 'Metin çok uzun; kısaltın.',
  'text.controlChars': 'Metinde görünmeyen kontrol karakterleri var; lütfen yeniden yazın.',
  'text.loneSurrogate': 'Metinde geçersiz bir karakter var; lütfen yeniden yazın.',
  'unit.same': 'Başvuru zaten bu birimde; başka bir birim seçin.',
  'unit.unknown': 'Bu birim sistemde yok; başka bir birim seçin.',
  'unit.invalid': 'Birim geçersiz; listeden bir birim seçin.',
  'case.closed': 'Kapatılmış bir başvuruya yalnızca not eklenebilir.',
};

/** The server's error (`error` or `path: message`) in Turkish; an unknown one as a general failure. */
export function serverMessage(error) {
  const text = String(error ?? '');
  const code = text.includes(': ') ? text.slice(text.lastIndexOf(': ') + 2) : text;
  return SERVER_MESSAGES[code] ?? 'İşlem yapılamadı; bağlantıyı denetleyip yeniden deneyin.';
}
