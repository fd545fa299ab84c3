import { ValidationFailedException } from '@app/common';
import { DEMO_PASSWORD } from '../demo/demo-password';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.data';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** A local part (before the @) this long or longer is refused anywhere inside a password; a shorter one only as the whole of it. */
export const EMAIL_PART_MIN_CONTAINED = 4;

/** The `rule` of each refusal, as `errors[].rule` of the 400 `validation-failed`. */
export type PasswordRule = 'minLength' | 'maxLength' | 'notOnlyWhitespace' | 'minNonWhitespace' | 'notDemoPassword' | 'notEmail' | 'notCommon';

export interface PasswordProblem {
  rule: PasswordRule;
  message: string;
}

/** What the policy knows of the account the password is for. */
export interface PasswordContext {
  /** The account's email: a password that is or contains it (or its local part) is refused. */
  email?: string | null;
}

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n')));

/** Characters that do not count towards the minimum: whitespace, control and invisible format characters (zero-width space, BOM, joiners). */
const BLANK = /[\s\p{Cc}\p{Cf}]/u;

/** Compatibility-normalised, lower-cased, letters, marks and digits only: `Maria.Santos` and `maria santos` fold alike. */
const fold = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]/gu, '');

const DEMO_FOLDED = fold(DEMO_PASSWORD);

function containsEmail(password: string, email: string): boolean {
  const address = email.normalize('NFKC').trim().toLowerCase();
  if (!address) return false;
  if (password.normalize('NFKC').toLowerCase().includes(address)) return true;
  const at = address.lastIndexOf('@');
  const local = fold(at > 0 ? address.slice(0, at) : address);
  const folded = fold(password);
  if (!folded || !local) return false;
  if (folded === local || folded === fold(address)) return true;
  return [...local].length >= EMAIL_PART_MIN_CONTAINED && folded.includes(local);
}

/**
 * NIST SP 800-63B / OWASP: a length window, no composition rules, and no password an attacker
 * would try first. Refused, in this order:
 *
 * - `maxLength`, `minLength`: fewer than 8 or more than 128 characters, counted in Unicode code
 *   points so a passphrase in any script counts fairly;
 * - `notOnlyWhitespace`: nothing but spaces (or other blank characters);
 * - `minNonWhitespace`: fewer than 8 characters that are not blank (`a b c d e`);
 * - `notDemoPassword`: the demo accounts' published password, however written (`Demo Pass 2026`);
 * - `notEmail`: the account's email address, or its local part (compared case-insensitively and
 *   ignoring punctuation and spaces), as the password or inside it;
 * - `notCommon`: among the 10,000 most common passwords (case-insensitively, spaces around ignored).
 */
export function passwordProblem(password: string, context: PasswordContext = {}): PasswordProblem | null {
  const chars = [...password];
  if (chars.length > PASSWORD_MAX_LENGTH) return { rule: 'maxLength', message: `must be at most ${PASSWORD_MAX_LENGTH} characters long` };
  if (chars.length < PASSWORD_MIN_LENGTH) return { rule: 'minLength', message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` };
  const visible = chars.filter((c) => !BLANK.test(c)).length;
  if (visible === 0) return { rule: 'notOnlyWhitespace', message: 'must not be only spaces or other blank characters' };
  if (visible < PASSWORD_MIN_LENGTH) {
    return { rule: 'minNonWhitespace', message: `must have at least ${PASSWORD_MIN_LENGTH} characters other than spaces` };
  }
  if (DEMO_FOLDED && fold(password).includes(DEMO_FOLDED)) {
    return { rule: 'notDemoPassword', message: 'is the published password of the demo accounts; choose another' };
  }
  if (context.email && containsEmail(password, context.email)) {
    return { rule: 'notEmail', message: 'must not be or contain your email address or the part of it before the @' };
  }
  const set = commonPasswords();
  const trimmed = password.trim();
  if (set.has(password) || set.has(password.toLowerCase()) || set.has(trimmed) || set.has(trimmed.toLowerCase())) {
    return { rule: 'notCommon', message: 'is one of the most commonly used passwords; choose another' };
  }
  return null;
}

/**
 * The one check for every place a password is set (registration, account creation, password
 * change, reset, invitation acceptance): throws a 400 `validation-failed` naming `field`
 * (default `password`) with the rule broken and a message. Pass the account's email.
 */
export function checkPassword(password: string, options: PasswordContext & { field?: string } = {}): void {
  const { field = 'password', ...context } = options;
  const problem = passwordProblem(password, context);
  if (problem) throw new ValidationFailedException([{ field, ...problem }]);
}

/** checkPassword with the field as its second argument. */
export function assertAcceptablePassword(password: string, field = 'password', context: PasswordContext = {}): void {
  checkPassword(password, { ...context, field });
}
