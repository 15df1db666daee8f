import { IdentityErrorCode, IdentityException } from '../identity.exception.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Passwords seen most often in breach corpora. Length is the main defence (NIST SP 800-63B
 * asks for a blocklist, not composition rules); this catches the obvious picks.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '0000000000', '1234512345', '9876543210',
  '123456789a', 'a123456789', '1q2w3e4r5t', '1qaz2wsx3edc', 'qwertyuiop', 'qwerty1234', 'qwerty12345',
  '1234qwer', 'asdfghjkl1', 'zxcvbnm123', 'password12', 'password123', 'password1234', 'passw0rd12',
  'p@ssw0rd12', 'p@ssword123', 'iloveyou12', 'iloveyou123', 'letmein123', 'welcome123', 'welcome1234',
  'admin12345', 'administrator', 'changeme123', 'football123', 'baseball123', 'superman123', 'trustno1234',
  'sunshine123', 'princess123', 'dragon1234', 'monkey1234', 'master1234', 'starwars123', 'whatever123',
  'qazwsxedc123', 'abcdefghij', 'abcd123456', 'abc1234567', 'abcdef1234', 'password!1', 'passwordpassword',
  'liverpool1', 'chocolate1', 'michael123', 'jennifer12', 'computer12', 'internet12', 'samsung123',
  'marketplace', 'marketplace1', 'influencer', 'influencer1',
]);

function normalize(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

/** Returns why `password` is not acceptable for this account, or null if it is. */
export function passwordProblem(password: string, context: { email: string; displayName?: string }): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const normalized = normalize(password);
  if (new Set(normalized).size < 4) return 'password must not repeat just a few characters';
  if (COMMON_PASSWORDS.has(normalized)) return 'password is too common; choose a less predictable one';
  const localPart = normalize(context.email.split('@')[0] ?? '');
  if (localPart.length >= 4 && normalized.includes(localPart)) return 'password must not contain your email address';
  const name = normalize(context.displayName ?? '').replace(/\s+/g, '');
  if (name.length >= 4 && normalized.replace(/\s+/g, '').includes(name)) return 'password must not contain your name';
  return null;
}

export function assertAcceptablePassword(password: string, context: { email: string; displayName?: string }, field = 'password'): void {
  const problem = passwordProblem(password, context);
  if (problem) {
    throw new IdentityException(IdentityErrorCode.InvalidInput, problem.replace(/^password/, field), { field });
  }
}
