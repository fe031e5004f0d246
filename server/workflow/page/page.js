/* global fetch, EventSource, FormData, sessionStorage, prompt */
// The department page: log in, list the unit's inbox, act on a case. No inline script (the
// page's CSP forbids it); every value reaches the DOM through textContent, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const STATUS = { new: 'Yeni', forwarded: 'Yönlendirildi', 'in-progress': 'İşlemde', resolved: 'Çözüldü', closed: 'Kapandı', reopened: 'Yeniden açıldı', rejected: 'Reddedildi' };
const SLA = { 'on-time': 'Zamanında', 'due-soon': 'Süresi yaklaşıyor', overdue: 'Gecikmiş', done: 'Tamamlandı' };
const RATE_LIMITED = 'Çok fazla hatalı deneme; biraz bekleyip yeniden deneyin.';
// The server names the rule a new password breaks (core/passwordPolicy.ts); the page says it in Turkish.
const PASSWORD_ERRORS = {
  'wrong-password': 'Mevcut parola hatalı.',
  'rate-limited': RATE_LIMITED,
  'newPassword: too-short': 'Yeni parola en az 10 karakter olmalı.',
  'newPassword: too-long': 'Yeni parola en çok 200 karakter olabilir.',
  'newPassword: control-character': 'Yeni parola denetim karakteri içeremez.',
  'newPassword: contains-username': 'Yeni parola kullanıcı adınızı içeremez.',
  'newPassword: repeated': 'Yeni parola bir ya da iki karakterin tekrarı olamaz.',
  'newPassword: common': 'Bu parola çok yaygın; başka bir parola seçin.',
};
let session = null;
let live = null;

function say(text) {
  $('message').textContent = text;
}

async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401 && session) {
    signOut();
    throw new Error('Oturum sona erdi; yeniden giriş yapın.');
  }
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) {
    const issue = data && data.issues && data.issues[0];
    throw new Error(issue ? `${issue.path}: ${issue.message}` : (data && data.error) || `HTTP ${res.status}`);
  }
  return data;
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

const ACTIONS = [
  ['assign', 'Ata', 'Atanacak kişi', 'assignee'],
  ['note', 'Not', 'Not', 'text'],
  ['resolve', 'Çöz', 'Çözüm açıklaması', 'resolution'],
  ['reject', 'Reddet', 'Ret gerekçesi', 'reason'],
  ['redirect', 'Yönlendir', 'Hedef birim kodu', 'unitCode'],
];

async function act(applicationNo, action, question, field) {
  const value = prompt(`${applicationNo} — ${question}`);
  if (value === null) return;
  try {
    await api('POST', `/api/v1/cases/${encodeURIComponent(applicationNo)}/${action}`, { [field]: value });
    say('');
    await loadInbox();
  } catch (error) {
    say(error.message);
  }
}

async function loadInbox() {
  const unit = $('unit').value.trim();
  if (!unit) return;
  const status = $('status').value;
  const query = status ? `?status=${encodeURIComponent(status)}` : '';
  try {
    const data = await api('GET', `/api/v1/units/${encodeURIComponent(unit)}/inbox${query}`);
    const rows = $('rows');
    rows.replaceChildren();
    for (const item of data.cases) {
      const c = item.case;
      const tr = document.createElement('tr');
      cell(tr, c.applicationNo);
      cell(tr, c.subject);
      cell(tr, STATUS[c.status] || c.status);
      cell(tr, SLA[item.sla] || item.sla, `sla-${item.sla}`);
      cell(tr, item.assignee || '–');
      cell(tr, new Date(c.createdAt).toLocaleString('tr-TR'));
      const actions = cell(tr, '', 'actions');
      for (const [action, label, question, field] of ACTIONS) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = label;
        button.addEventListener('click', () => act(c.applicationNo, action, question, field));
        actions.appendChild(button);
      }
      rows.appendChild(tr);
    }
    if (data.cases.length === 0) say('Bu birimde kayıt yok.');
  } catch (error) {
    say(error.message);
  }
}

function connectLive() {
  if (live) live.close();
  live = new EventSource(`/api/v1/sync/events?token=${encodeURIComponent(session.token)}`);
  live.addEventListener('open', () => ($('live').textContent = '● canlı'));
  live.addEventListener('error', () => ($('live').textContent = '○ bağlantı bekleniyor'));
  live.addEventListener('changed', () => void loadInbox());
}

function showSession() {
  const signedIn = session !== null;
  $('login').hidden = signedIn;
  $('inbox').hidden = !signedIn;
  $('logout').hidden = !signedIn;
  $('change-password').hidden = !signedIn;
  if (!signedIn) closePasswordForm();
  $('who').textContent = signedIn ? `${session.account.displayName} (${session.account.role})` : '';
  if (!signedIn) return;
  const unit = $('unit');
  unit.value = session.account.unitCode || unit.value;
  unit.readOnly = session.account.role === 'department';
  connectLive();
  void loadInbox();
}

function signOut() {
  if (live) live.close();
  live = null;
  session = null;
  sessionStorage.removeItem('alo153.session');
  $('rows').replaceChildren();
  showSession();
}

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    session = await api('POST', '/api/v1/auth/login', { username: String(form.get('username')).trim().toLowerCase(), password: String(form.get('password')) });
    sessionStorage.setItem('alo153.session', JSON.stringify(session));
    event.target.reset();
    say('');
    showSession();
  } catch (error) {
    say(error.message === 'unauthorized' ? 'Kullanıcı adı ya da parola hatalı.' : error.message === 'rate-limited' ? RATE_LIMITED : error.message);
  }
});

$('logout').addEventListener('click', async () => {
  try {
    await api('POST', '/api/v1/auth/logout');
  } catch {
    // signed out locally either way
  }
  signOut();
});
function closePasswordForm() {
  $('password').reset();
  $('password').hidden = true;
}

$('change-password').addEventListener('click', () => {
  $('password').hidden = false;
  $('password').elements.currentPassword.focus();
});
$('password-cancel').addEventListener('click', closePasswordForm);

// Every account changes its own password here; the server ends its other sessions (this one stays).
$('password').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const currentPassword = String(form.get('currentPassword'));
  const newPassword = String(form.get('newPassword'));
  if (newPassword !== String(form.get('newPasswordAgain'))) {
    say('Yeni parola iki kez aynı yazılmalı.');
    return;
  }
  if ([...newPassword].length < 10) {
    say(PASSWORD_ERRORS['newPassword: too-short']);
    return;
  }
  try {
    await api('POST', '/api/v1/auth/password', { currentPassword, newPassword });
    closePasswordForm();
    say('Parolanız değiştirildi; diğer oturumlarınız kapatıldı.');
  } catch (error) {
    say(PASSWORD_ERRORS[error.message] || error.message);
  }
});

$('refresh').addEventListener('click', () => void loadInbox());
$('status').addEventListener('change', () => void loadInbox());
$('unit').addEventListener('change', () => void loadInbox());

try {
  const stored = JSON.parse(sessionStorage.getItem('alo153.session') || 'null');
  if (stored && new Date(stored.expiresAt) > new Date()) session = stored;
} catch {
  session = null;
}
showSession();
