/* global fetch, EventSource, FormData, Option, sessionStorage */
// The department page: log in, list the unit's inbox, act on a case through a form. An ES module
// with no inline script (the page's CSP forbids it); every value reaches the DOM through
// textContent, never as HTML. The pure parts (words, Istanbul time, buckets) are in logic.js.
import {
  ACTIONS,
  DUE_FILTER_NAMES,
  ROLE_NAMES,
  SLA_NAMES,
  STATUS_NAMES,
  UNIT_KIND_NAMES,
  arrangeInbox,
  dueBucket,
  dueCounts,
  formatAddress,
  formatClock,
  formatDateTime,
  formatDue,
  formatPhone,
  serverMessage,
  slaOf,
  validateAction,
} from './logic.js';

const $ = (id) => document.getElementById(id);
const SESSION_KEY = 'alo153.session';
const UNIT_KEY = 'alo153.unit';
/** Buckets and SLA badges move with the clock: an open case can turn overdue while the page is open. */
const TICK_MS = 60_000;
// The server names the rule a new password breaks (core/passwordPolicy.ts); the page says it in Turkish.
const PASSWORD_ERRORS = {
  'wrong-password': 'Mevcut parola hatalı.',
  'rate-limited': 'Çok fazla hatalı deneme; biraz bekleyip yeniden deneyin.',
  'newPassword: too-short': 'Yeni parola en az 10 karakter olmalı.',
  'newPassword: too-long': 'Yeni parola en çok 200 karakter olabilir.',
  'newPassword: control-character': 'Yeni parola denetim karakteri içeremez.',
  'newPassword: contains-username': 'Yeni parola kullanıcı adınızı içeremez.',
  'newPassword: repeated': 'Yeni parola bir ya da iki karakterin tekrarı olamaz.',
  'newPassword: common': 'Bu parola çok yaygın; başka bir parola seçin.',
};

let session = null;
let live = null;
let units = [];
let items = [];
/** The case and action whose form is open: where focus goes back to after the list is redrawn. */
let open = null;
let lastAction = null;

const now = () => new Date();

function say(text, tone = 'error') {
  $('message').textContent = text;
  $('message').dataset.tone = tone;
}

class ApiError extends Error {}

async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError('unreachable');
  }
  if (res.status === 401 && session) {
    signOut();
    say('Oturumunuz sona erdi; yeniden giriş yapın.');
    throw new ApiError('session-ended');
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const issue = data && data.issues && data.issues[0];
    throw new ApiError(issue ? `${issue.path}: ${issue.message}` : (data && data.error) || `HTTP ${res.status}`);
  }
  return data;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const unitName = (code) => units.find((u) => u.code === code)?.name ?? code ?? '';

/** Units grouped as the desk groups them (directorates, district municipalities, outside bodies). */
function fillUnits(select, list, placeholder) {
  select.replaceChildren();
  if (placeholder) select.appendChild(new Option(placeholder, ''));
  for (const [kind, label] of Object.entries(UNIT_KIND_NAMES)) {
    const group = list.filter((u) => u.kind === kind);
    if (group.length === 0) continue;
    const optgroup = el('optgroup');
    optgroup.label = label;
    for (const unit of group) optgroup.appendChild(new Option(unit.name, unit.code));
    select.appendChild(optgroup);
  }
  for (const unit of list.filter((u) => !(u.kind in UNIT_KIND_NAMES))) select.appendChild(new Option(unit.name, unit.code));
}

async function loadUnits() {
  try {
    const res = await fetch('units.json', { headers: { accept: 'application/json' } });
    units = res.ok ? (await res.json()).units : [];
  } catch {
    units = [];
  }
}

// ---- the inbox ----

async function loadInbox() {
  const unit = $('unit').value;
  if (!session || !unit) return;
  const status = $('status').value;
  const query = status ? `?status=${encodeURIComponent(status)}` : '';
  $('rows').setAttribute('aria-busy', 'true');
  try {
    const data = await api('GET', `/api/v1/units/${encodeURIComponent(unit)}/inbox${query}`);
    items = data.cases;
    $('updated').textContent = `Güncellendi: ${formatClock(now())}`;
    if ($('message').dataset.tone === 'error') say('');
    render();
  } catch (error) {
    if (error.message !== 'session-ended') say(error.message === 'unreachable' ? 'Sunucuya ulaşılamıyor; liste güncellenemedi.' : serverMessage(error.message));
  } finally {
    $('rows').removeAttribute('aria-busy');
  }
}

function markInvalid(control, invalid) {
  if (invalid) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

function badge(text, className) {
  return el('span', `badge ${className}`, text);
}

function row(item, at) {
  const c = item.case;
  const tr = el('tr');
  tr.dataset.caseNo = c.applicationNo;
  tr.dataset.due = dueBucket(c, at) ?? 'none';

  const no = el('td');
  no.append(el('span', 'case-no', c.applicationNo), el('span', 'small', `Açılış: ${formatDateTime(c.createdAt)}`));
  tr.appendChild(no);

  const subject = el('td');
  subject.append(el('div', 'subject', c.subject), el('div', 'description', c.description));
  if (c.citizenName) subject.appendChild(el('span', 'small', `Başvuran: ${c.citizenName}`));
  tr.appendChild(subject);

  tr.appendChild(el('td', 'address', formatAddress(c.address) || '–'));
  tr.appendChild(el('td', 'phone', formatPhone(c.phone) || '–'));

  const status = el('td');
  status.appendChild(badge(STATUS_NAMES[c.status] ?? c.status, `badge--${c.status}`));
  status.appendChild(el('span', 'small', item.assignee ? `Atanan: ${item.assignee}` : 'Atanmadı'));
  tr.appendChild(status);

  const due = el('td');
  const sla = slaOf(c, at);
  due.appendChild(el('span', 'due-time', c.dueAt ? formatDue(c.dueAt, at) : 'Son tarih yok'));
  const slaBadge = badge(SLA_NAMES[sla], `sla sla--${sla}`);
  slaBadge.dataset.state = sla;
  due.appendChild(slaBadge);
  tr.appendChild(due);

  const actions = el('td');
  const box = el('div', 'actions');
  for (const [action, spec] of Object.entries(ACTIONS)) {
    const button = el('button', '', spec.button);
    button.type = 'button';
    button.dataset.action = action;
    button.setAttribute('aria-label', `${spec.button}: ${c.applicationNo}`);
    button.addEventListener('click', () => openAction(item, action));
    box.appendChild(button);
  }
  actions.appendChild(box);
  tr.appendChild(actions);
  return tr;
}

function render() {
  const at = now();
  const counts = dueCounts(items, at);
  for (const option of $('due').options) option.textContent = `${DUE_FILTER_NAMES[option.value]} (${counts[option.value]})`;
  const shown = arrangeInbox(items, { due: $('due').value, sort: $('sort').value }, at);
  // Redrawing replaces the buttons: keep the keyboard where it was.
  const focused = document.activeElement?.closest?.('#rows button');
  const keep = focused ? { no: focused.closest('tr').dataset.caseNo, action: focused.dataset.action } : null;
  const rows = $('rows');
  rows.replaceChildren(...shown.map((item) => row(item, at)));
  if (shown.length === 0) {
    const tr = el('tr');
    const td = el('td', 'empty', items.length === 0 ? 'Bu birimde bu durumda başvuru yok.' : 'Bu son tarih filtresine uyan başvuru yok.');
    td.colSpan = 7;
    tr.appendChild(td);
    rows.appendChild(tr);
  }
  const parts = [`${items.length} başvuru`, `${counts.overdue} süresi geçen`, `${counts.today} bugün dolan`];
  if (shown.length !== items.length) parts.push(`${shown.length} gösteriliyor`);
  $('summary').textContent = parts.join(' · ');
  const target = keep ?? lastAction;
  if (target && !open) {
    const button = [...rows.querySelectorAll('tr')].find((tr) => tr.dataset.caseNo === target.no)?.querySelector(`button[data-action="${target.action}"]`);
    if (button) button.focus();
    else if (lastAction) ($('unit').disabled ? $('status') : $('unit')).focus();
    lastAction = null;
  }
}

// ---- the action form ----

const FIELDS = { input: 'action-input', textarea: 'action-text', select: 'action-unit' };

function controlOf(spec) {
  return $(FIELDS[spec.control]);
}

function openAction(item, action) {
  const spec = ACTIONS[action];
  open = { item, action };
  $('action-title').textContent = spec.title;
  $('action-case').textContent = `${item.case.applicationNo} — ${item.case.subject}`;
  $('action-submit').textContent = spec.submit;
  $('action-error').textContent = '';
  for (const [control, id] of Object.entries(FIELDS)) {
    $(`${id}-field`).hidden = control !== spec.control;
    $(id).removeAttribute('aria-invalid');
    $(id).value = '';
    // Only the shown control carries the label: the hidden two must not answer to its name.
    $(`${id}-label`).textContent = control === spec.control ? spec.label : '';
  }
  const control = controlOf(spec);
  if (spec.control !== 'select') control.maxLength = spec.max;
  if (action === 'assign') control.value = item.assignee ?? '';
  if (action === 'redirect') fillUnits(control, units.filter((u) => u.code !== item.case.unitCode), 'Birim seçin');
  $('action-dialog').showModal();
  control.focus();
}

function closeAction() {
  if ($('action-dialog').open) $('action-dialog').close();
}

$('action-dialog').addEventListener('close', () => {
  if (!open) return;
  lastAction = { no: open.item.case.applicationNo, action: open.action };
  open = null;
  // Back to the button that opened the form (the list may have been redrawn meanwhile).
  render();
});
$('action-cancel').addEventListener('click', closeAction);
// Enter sends the one-line field natively; in the text box Ctrl+Enter does, on the unit list Enter.
$('action-text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    $('action-form').requestSubmit();
  }
});
$('action-unit').addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    $('action-form').requestSubmit();
  }
});

$('action-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!open) return;
  const { item, action } = open;
  const spec = ACTIONS[action];
  const control = controlOf(spec);
  const problem = validateAction(action, control.value, item.case.unitCode);
  if (problem) {
    $('action-error').textContent = problem;
    control.setAttribute('aria-invalid', 'true');
    control.focus();
    return;
  }
  const submit = $('action-submit');
  submit.disabled = true;
  try {
    await api('POST', `/api/v1/cases/${encodeURIComponent(item.case.applicationNo)}/${action}`, { [spec.field]: control.value.trim() });
    const done = action === 'redirect' ? `${item.case.applicationNo} ${unitName(control.value)} birimine yönlendirildi.` : `${item.case.applicationNo} ${spec.done}.`;
    closeAction();
    say(done, 'ok');
    await loadInbox();
  } catch (error) {
    if (error.message === 'session-ended') return closeAction();
    $('action-error').textContent = error.message === 'unreachable' ? 'Sunucuya ulaşılamıyor; kaydedilmedi, metniniz korunuyor.' : serverMessage(error.message);
    if (/^[a-zA-Z]+: /.test(error.message)) control.setAttribute('aria-invalid', 'true');
  } finally {
    submit.disabled = false;
  }
});

// ---- the session ----

function connectLive() {
  if (live) live.close();
  const state = (value, text) => {
    $('live').dataset.state = value;
    $('live-text').textContent = text;
  };
  state('connecting', 'Bağlanıyor');
  live = new EventSource(`/api/v1/sync/events?token=${encodeURIComponent(session.token)}`);
  live.addEventListener('open', () => state('online', 'Canlı'));
  live.addEventListener('error', () => state('connecting', 'Bağlantı bekleniyor'));
  live.addEventListener('changed', () => void loadInbox());
}

function showUnits() {
  const select = $('unit');
  const own = session.account.unitCode;
  if (session.account.role === 'department') {
    // A department account works its own unit only: the list names it and stays locked.
    fillUnits(select, units.filter((u) => u.code === own).concat(units.some((u) => u.code === own) ? [] : [{ code: own, name: own, kind: '' }]));
    select.value = own;
    select.disabled = true;
  } else {
    fillUnits(select, units, 'Birim seçin');
    select.value = sessionStorage.getItem(UNIT_KEY) || own || '';
    select.disabled = false;
  }
}

async function showSession() {
  const signedIn = session !== null;
  $('login').hidden = signedIn;
  $('inbox').hidden = !signedIn;
  $('account').hidden = !signedIn;
  if (!signedIn) {
    $('who').textContent = '';
    $('role').textContent = '';
    $('login-username').focus();
    return;
  }
  $('who').textContent = session.account.displayName;
  $('role').textContent = ROLE_NAMES[session.account.role] ?? session.account.role;
  if (units.length === 0) await loadUnits();
  showUnits();
  connectLive();
  await loadInbox();
  if (!$('unit').disabled && !$('unit').value) $('unit').focus();
}

function signOut() {
  if (live) live.close();
  live = null;
  session = null;
  items = [];
  sessionStorage.removeItem(SESSION_KEY);
  closeAction();
  if ($('password-dialog').open) $('password-dialog').close();
  $('rows').replaceChildren();
  $('summary').textContent = '';
  $('updated').textContent = '';
  void showSession();
}

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const username = String(form.get('username')).trim().toLowerCase();
  const password = String(form.get('password'));
  const error = $('login-error');
  markInvalid($('login-username'), username === '');
  markInvalid($('login-password'), password === '');
  if (username === '' || password === '') {
    error.textContent = 'Kullanıcı adınızı ve parolanızı yazın.';
    (username === '' ? $('login-username') : $('login-password')).focus();
    return;
  }
  try {
    session = await api('POST', '/api/v1/auth/login', { username, password });
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    event.target.reset();
    error.textContent = '';
    say('');
    await showSession();
  } catch (failure) {
    session = null;
    $('login-password').value = '';
    $('login-password').focus();
    error.textContent = failure.message === 'unreachable' ? 'Sunucuya ulaşılamıyor; yeniden deneyin.' : serverMessage(failure.message);
  }
});

$('logout').addEventListener('click', async () => {
  try {
    await api('POST', '/api/v1/auth/logout');
  } catch {
    // signed out locally either way
  }
  signOut();
  say('Çıkış yaptınız.', 'ok');
});

// ---- the password form ----

function closePasswordForm() {
  $('password').reset();
  $('password-error').textContent = '';
  if ($('password-dialog').open) $('password-dialog').close();
}

$('change-password').addEventListener('click', () => {
  $('password-dialog').showModal();
  $('current-password').focus();
});
$('password-cancel').addEventListener('click', closePasswordForm);
$('password-dialog').addEventListener('close', () => {
  $('password').reset();
  $('password-error').textContent = '';
});

// Every account changes its own password here (/api/v1/auth/password); the server ends its other sessions (this one stays).
$('password').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const currentPassword = String(form.get('currentPassword'));
  const newPassword = String(form.get('newPassword'));
  const error = $('password-error');
  if (currentPassword === '') {
    error.textContent = 'Mevcut parolanızı yazın.';
    return;
  }
  if (newPassword !== String(form.get('newPasswordAgain'))) {
    error.textContent = 'Yeni parola iki kez aynı yazılmalı.';
    return;
  }
  if ([...newPassword].length < 10) {
    error.textContent = PASSWORD_ERRORS['newPassword: too-short'];
    return;
  }
  try {
    await api('POST', '/api/v1/auth/password', { currentPassword, newPassword });
    closePasswordForm();
    say('Parolanız değiştirildi; diğer oturumlarınız kapatıldı.', 'ok');
  } catch (failure) {
    error.textContent = PASSWORD_ERRORS[failure.message] || serverMessage(failure.message);
  }
});

// ---- the toolbar ----

$('refresh').addEventListener('click', () => void loadInbox());
$('status').addEventListener('change', () => void loadInbox());
$('due').addEventListener('change', render);
$('sort').addEventListener('change', render);
$('unit').addEventListener('change', () => {
  sessionStorage.setItem(UNIT_KEY, $('unit').value);
  void loadInbox();
});
setInterval(() => {
  if (session && !open) render();
}, TICK_MS);

try {
  const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
  if (stored && new Date(stored.expiresAt) > now()) session = stored;
} catch {
  session = null;
}
void showSession();
