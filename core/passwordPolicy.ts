/**
 * What a new account password must be. The server checks it (password change, admin reset,
 * `create-admin`); the desk checks it too, to answer before the round trip.
 *
 * Length is what makes a password hard to guess, so that is the rule (NIST SP 800-63B): at
 * least 10 characters, no composition rules, and a refusal for the few choices an attacker tries
 * first (the username, one character repeated, the published demo passwords, the commonest
 * strings of that length). The server also slows guessing down (server/auth/loginThrottle.ts).
 */
export const PASSWORD_MIN_LENGTH = 10;
/** The desk's login request carries at most 200 characters, so a longer password could not log in there. */
export const PASSWORD_MAX_LENGTH = 200;

export const PASSWORD_PROBLEMS = ['too-short', 'too-long', 'control-character', 'contains-username', 'repeated', 'common'] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/** Published with the demo (server/README.md) or at the top of every leaked-password list. */
const COMMON = new Set([
  'operator153',
  'feedback153',
  'alo153alo153',
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789012',
  '0987654321',
  'qwertyuiop',
  'password123',
  'password1234',
  'parola1234',
  'parola12345',
  'sifre12345',
  'şifre12345',
  'sifre123456',
  'abc1234567',
  'asdfghjkl1',
  'qwerty1234',
  'qwerty12345',
]);

/** Characters as a person counts them (code points of the NFC form the hash is taken of). */
function length(password: string): number {
  return [...password.normalize('NFC')].length;
}

/** Null when the password may be set for `username`; otherwise what is wrong with it. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const n = length(password);
  if (n < PASSWORD_MIN_LENGTH) return 'too-short';
  if (n > PASSWORD_MAX_LENGTH) return 'too-long';
  // NUL and friends cannot be typed and break some stores; refusing them keeps every login form able to send it.
  if (/[\u0000-\u001f\u007f]/u.test(password)) return 'control-character';
  const nfc = password.normalize('NFC');
  const lower = nfc.toLocaleLowerCase('tr');
  // Usernames are lower-cased without a locale (I → i); a Turkish reader writes İ/ı: both ways.
  const user = username.trim().toLowerCase();
  if (user.length >= 3 && (lower.includes(user) || nfc.toLowerCase().includes(user))) return 'contains-username';
  if (new Set(lower).size <= 2) return 'repeated';
  if (COMMON.has(lower) || COMMON.has(nfc.toLowerCase())) return 'common';
  return null;
}
