import { ValidationFailedException } from '@app/common';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.data';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n')));

/**
 * NIST SP 800-63B / OWASP: a length window, no composition rules, and no password that is
 * among the most common ones (compared case-insensitively, as attackers try both).
 * Length is counted in Unicode code points, so a passphrase in any script counts fairly.
 */
export function passwordProblem(password: string): { rule: 'minLength' | 'maxLength' | 'notCommon'; message: string } | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { rule: 'minLength', message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` };
  if (length > PASSWORD_MAX_LENGTH) return { rule: 'maxLength', message: `must be at most ${PASSWORD_MAX_LENGTH} characters long` };
  const set = commonPasswords();
  if (set.has(password) || set.has(password.toLowerCase())) {
    return { rule: 'notCommon', message: 'is one of the most commonly used passwords; choose another' };
  }
  return null;
}

/** Throws a validation problem naming `field` and the rule broken (minLength, maxLength, notCommon). */
export function assertAcceptablePassword(password: string, field = 'password'): void {
  const problem = passwordProblem(password);
  if (problem) throw new ValidationFailedException([{ field, ...problem }]);
}
