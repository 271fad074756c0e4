import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The password rules of staff and applicant accounts: long enough, not the username (nor containing it),
 * and not among the commonly used passwords — the maintained list of zxcvbn-ts (tens of thousands of
 * passwords seen in breaches), compared without regard to case.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));

export type PasswordRule = 'password-too-short' | 'password-too-long' | 'password-like-username' | 'password-too-common';

/** The first rule the password breaks, or null. */
export function passwordProblem(password: string, username: string): PasswordRule | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'password-too-short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'password-too-long';
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length >= 3 && (lower.includes(name) || name.includes(lower))) return 'password-like-username';
  // Also a common password with a digit or two appended or one repeated ("password1234", "qwertyqwerty").
  const bare = lower.replace(/\d{1,4}$/, '');
  const half = lower.length % 2 === 0 ? lower.slice(0, lower.length / 2) : '';
  if (commonPasswords().has(lower) || commonPasswords().has(bare) || (half && half.repeat(2) === lower && commonPasswords().has(half)))
    return 'password-too-common';
  if (new Set(lower).size <= 2) return 'password-too-common';
  return null;
}
