/**
 * The account pages' forms (register, sign in, the mailed links, the account's details and
 * password): what was typed, checked before the API is asked, and the API's refusals turned into
 * messages next to the fields, in the reader's language (the API's own messages are English and
 * for developers). Passwords are never written back into a page.
 */
import type { Problem } from '@app/api-client';
import { Locale, MessageKey, isLocale } from '@app/i18n';

export type AccountField = 'email' | 'password' | 'newPassword' | 'currentPassword' | 'name' | 'phone' | 'language';

/** Each refused field and the message that says why (a catalogue key). */
export type FieldErrors = Partial<Record<AccountField, MessageKey>>;

/** The order fields are listed in an error summary (the order they appear on the pages). */
const FIELD_ORDER: readonly AccountField[] = ['name', 'email', 'phone', 'language', 'currentPassword', 'password', 'newPassword'];

/** A phone number as people write it (the API's rule, `PHONE_PATTERN` of libs/auth). */
export const PHONE = /^\+?[0-9 ()-]{6,25}$/;
/** Enough of an email address to be worth sending (the API checks it fully). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME_MAX = 120;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const oneLine = (value: unknown): string => text(value).replace(/\s+/g, ' ').trim();
/** A password as typed: nothing trimmed (spaces may be part of it), at most what the API takes. */
const secret = (value: unknown): string => text(value).slice(0, 1024);

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; value: Partial<T> };

const result = <T>(value: T, errors: FieldErrors): FormResult<T> => (Object.keys(errors).length ? { ok: false, errors, value } : { ok: true, value });

function checkEmail(raw: unknown, errors: FieldErrors): string {
  const email = oneLine(raw).slice(0, 320);
  if (!email) errors.email = 'account.fields.email.missing';
  else if (!EMAIL.test(email) || email.length > 254) errors.email = 'account.fields.email.invalid';
  return email;
}

function checkName(raw: unknown, errors: FieldErrors): string {
  const name = text(raw).trim();
  if (!name) errors.name = 'account.fields.name.missing';
  else if (/[\r\n]/.test(name) || [...name].length > NAME_MAX) errors.name = 'account.fields.name.invalid';
  return name.slice(0, 200);
}

function checkLanguage(raw: unknown, errors: FieldErrors): Locale | undefined {
  if (isLocale(raw)) return raw;
  errors.language = 'account.fields.language.missing';
  return undefined;
}

export interface SignInForm {
  email: string;
  password: string;
}

export function readSignIn(body: unknown): FormResult<SignInForm> {
  const f = (body ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const email = oneLine(f.email).slice(0, 254);
  if (!email) errors.email = 'account.fields.email.missing';
  const password = secret(f.password);
  if (!password) errors.password = 'account.fields.password.missing';
  return result({ email, password }, errors);
}

export interface RegisterForm {
  name: string;
  email: string;
  password: string;
  language: Locale;
}

export function readRegister(body: unknown): FormResult<RegisterForm> {
  const f = (body ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const name = checkName(f.name, errors);
  const email = checkEmail(f.email, errors);
  const password = secret(f.newPassword);
  if (!password) errors.newPassword = 'account.fields.newPassword.missing';
  const language = checkLanguage(f.language, errors);
  return result({ name, email, password, language: language as Locale }, errors);
}

export function readEmailOnly(body: unknown): FormResult<{ email: string }> {
  const errors: FieldErrors = {};
  const email = checkEmail(((body ?? {}) as Record<string, unknown>).email, errors);
  return result({ email }, errors);
}

/** One password field: `password` (the one chosen before) or `newPassword` (a new one). */
export function readPassword(body: unknown, field: 'password' | 'newPassword'): FormResult<{ password: string }> {
  const errors: FieldErrors = {};
  const password = secret(((body ?? {}) as Record<string, unknown>)[field]);
  if (!password) errors[field] = field === 'password' ? 'account.fields.password.missing' : 'account.fields.newPassword.missing';
  return result({ password }, errors);
}

export interface DetailsForm {
  name: string;
  /** Empty: none (removes the one given before). */
  phone: string;
  language: Locale;
}

export function readDetails(body: unknown): FormResult<DetailsForm> {
  const f = (body ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const name = checkName(f.name, errors);
  const phone = oneLine(f.phone).slice(0, 40);
  if (phone && !PHONE.test(phone)) errors.phone = 'account.fields.phone.invalid';
  const language = checkLanguage(f.language, errors);
  return result({ name, phone, language: language as Locale }, errors);
}

export interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
}

export function readChangePassword(body: unknown): FormResult<ChangePasswordForm> {
  const f = (body ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const currentPassword = secret(f.currentPassword);
  if (!currentPassword) errors.currentPassword = 'account.fields.currentPassword.missing';
  const newPassword = secret(f.newPassword);
  if (!newPassword) errors.newPassword = 'account.fields.newPassword.missing';
  return result({ currentPassword, newPassword }, errors);
}

const PASSWORD_RULES = new Set(['minLength', 'maxLength', 'notOnlyWhitespace', 'minNonWhitespace', 'notDemoPassword', 'notEmail', 'notCommon']);

/** The message for a password the API refused by `rule`. */
export const passwordRuleMessage = (rule: string | undefined): MessageKey =>
  (rule && PASSWORD_RULES.has(rule) ? `account.passwordRules.${rule}` : 'account.passwordRules.other') as MessageKey;

/**
 * The API's 400 `validation-failed` on an account form as messages next to the page's fields:
 * `apiPassword` names the page's field the API's password field is (the new or the current one).
 * Fields the page does not have are left out (the page then says the form could not be used).
 */
export function fieldErrorsOf(problem: Problem | null, passwordField: 'password' | 'newPassword' = 'newPassword'): FieldErrors {
  const errors: FieldErrors = {};
  for (const e of problem?.errors ?? []) {
    const rule = (e as { rule?: string }).rule;
    switch (e.field) {
      case 'email':
        errors.email ??= 'account.fields.email.invalid';
        break;
      case 'displayName':
        errors.name ??= 'account.fields.name.invalid';
        break;
      case 'phone':
        errors.phone ??= 'account.fields.phone.invalid';
        break;
      case 'preferredLanguage':
        errors.language ??= 'account.fields.language.missing';
        break;
      case 'password':
        errors[passwordField] ??= passwordRuleMessage(rule);
        break;
      case 'newPassword':
        errors.newPassword ??= passwordRuleMessage(rule);
        break;
      case 'currentPassword':
        errors.currentPassword ??= 'account.fields.currentPassword.wrong';
        break;
    }
  }
  return errors;
}

/** The error summary's list: each message linking to its field, in the page's order. */
export function errorList(errors: FieldErrors, t: (key: MessageKey) => string): { text: string; href: string }[] {
  return FIELD_ORDER.filter((f) => errors[f]).map((f) => ({ text: t(errors[f]!), href: `#${f}` }));
}
