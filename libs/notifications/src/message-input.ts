import { ROLES, type Role } from '@app/common';
import { DEFAULT_LANGUAGE, type Language, isLanguage } from './languages';
import type { Audience } from './recipients';
import { type MailValue, mailValueProblem } from './templates/mail-values';
import { NotificationTemplateError, renderTemplate, resolveLanguage, templateOf, templateVariables } from './templates/render';
import type { TemplateKey } from './templates/registry';

/** What a caller asks to send. */
export interface NotificationMessage {
  /** Who it is for (recipients.ts): an account, an agency's admins, a role, or an address for someone without an account. */
  to: Audience;
  template: TemplateKey;
  /**
   * The language to write it in. Default: each account's preferred language; English for an
   * address. Given, it wins (a complaint's mail is in the language of the complaint).
   */
  language?: Language;
  /**
   * Exactly the template's variables. Names and references as strings, counts as numbers; dates,
   * amounts and terms typed (`mailDate`, `mailDateTime`, `mailMoney`, `mailTerm`), so that the
   * mail writes them in the reader's language when it is rendered. Never secrets.
   */
  data: Record<string, MailValue>;
  /**
   * One message per key, ever: the same key again is ignored. Name the event, not the attempt:
   * `case.received:<caseId>`. For a group (`agencyAdmins`, `role`) each member's message gets
   * the key with `:<userId>` appended.
   */
  dedupKey: string;
}

/** A message checked on its own (before its audience is resolved): template, data, key, language asked. */
export interface CheckedMessage {
  to: Audience;
  template: TemplateKey;
  language: Language | null;
  data: Record<string, unknown>;
  dedupKey: string;
}

/**
 * One outbox row to insert: one person. `recipient` is the address for someone without an
 * account (sealed before the insert); null for an account, whose address the relay reads when it
 * sends.
 */
export interface PreparedMessage {
  recipient: string | null;
  recipientUserId: string | null;
  template: TemplateKey;
  language: Language;
  data: Record<string, unknown>;
  dedupKey: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// One address, no display name, no whitespace or control characters (no header tricks).
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const hasControlCharacter = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
// Keys that name secrets (as the audit log's guard): a secret never sits in the outbox.
const SECRET_KEY = /(password|passwordhash|passwd|secret|token|apikey|privatekey)$/;

const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** The audience, checked and normalised (an address trimmed, ids lower-cased). */
function checkAudience(to: unknown): Audience {
  if (!to || typeof to !== 'object' || Array.isArray(to))
    throw new NotificationTemplateError('to must be an audience: { user }, { agencyAdmins }, { role } or { address }');
  const a = to as Record<string, unknown>;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  const only = (...allowed: string[]) => keys.every((k) => allowed.includes(k));
  if ('address' in a && only('address', 'userId')) {
    const address = typeof a.address === 'string' ? a.address.trim() : '';
    if (address.length > 254 || !EMAIL.test(address) || hasControlCharacter(address))
      throw new NotificationTemplateError('to.address must be one email address');
    if (a.userId !== undefined && a.userId !== null && !isUuid(a.userId)) throw new NotificationTemplateError('to.userId must be a uuid');
    return isUuid(a.userId) ? { address, userId: a.userId.toLowerCase() } : { address };
  }
  if (keys.length === 1 && 'user' in a) {
    if (!isUuid(a.user)) throw new NotificationTemplateError('to.user must be a uuid');
    return { user: a.user.toLowerCase() };
  }
  if (keys.length === 1 && 'agencyAdmins' in a) {
    if (!isUuid(a.agencyAdmins)) throw new NotificationTemplateError('to.agencyAdmins must be a uuid');
    return { agencyAdmins: a.agencyAdmins.toLowerCase() };
  }
  if (keys.length === 1 && 'role' in a) {
    if (!(ROLES as readonly unknown[]).includes(a.role)) throw new NotificationTemplateError(`to.role must be one of ${ROLES.join(', ')}`);
    return { role: a.role as Role };
  }
  throw new NotificationTemplateError('to must be an audience: { user }, { agencyAdmins }, { role } or { address }');
}

/**
 * Validates a message on its own: its audience's shape, template, data, key and language. Its
 * audience is resolved next (Notifications), and each person's message rendered once by
 * `prepareFor`. Throws NotificationTemplateError: these are programming errors, never user input.
 */
export function checkMessage(msg: NotificationMessage): CheckedMessage {
  if (!msg || typeof msg !== 'object') throw new NotificationTemplateError('message must be an object');
  const to = checkAudience(msg.to);
  if (typeof msg.dedupKey !== 'string' || msg.dedupKey.trim() === '' || msg.dedupKey.length > 300) {
    throw new NotificationTemplateError('dedupKey must be a non-empty string of at most 300 characters');
  }
  if (msg.language !== undefined && msg.language !== null && !isLanguage(msg.language))
    throw new NotificationTemplateError(`unknown language '${String(msg.language)}'`);
  templateOf(msg.template);
  const data = normaliseData(msg.template, msg.data);
  return { to, template: msg.template, language: msg.language ?? null, data, dedupKey: msg.dedupKey };
}

/** One person's message: in the language asked (or theirs, or English), rendered once so a wrong one fails in the caller's code path. */
export function prepareFor(
  msg: CheckedMessage,
  person: { address: string | null; userId: string | null; language?: Language; dedupKey: string },
): PreparedMessage {
  const language = resolveLanguage(msg.template, msg.language ?? person.language ?? DEFAULT_LANGUAGE);
  renderTemplate(msg.template, language, msg.data);
  return { recipient: person.address, recipientUserId: person.userId, template: msg.template, language, data: msg.data, dedupKey: person.dedupKey };
}

/** A message to an address (no account to resolve): checked and prepared in one step. */
export function prepareMessage(msg: NotificationMessage): PreparedMessage {
  const checked = checkMessage(msg);
  if (!('address' in checked.to)) throw new NotificationTemplateError('prepareMessage takes a message to an address; accounts are resolved by Notifications');
  return prepareFor(checked, { address: checked.to.address, userId: checked.to.userId ?? null, dedupKey: checked.dedupKey });
}

function normaliseData(template: string, data: unknown): Record<string, unknown> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new NotificationTemplateError('data must be an object');
  const used = new Set(templateVariables(template));
  for (const [key, value] of Object.entries(data)) {
    if (SECRET_KEY.test(key.toLowerCase().replace(/[-_]/g, ''))) {
      throw new NotificationTemplateError(`data.${key} looks like a secret; secrets are never stored in the outbox`);
    }
    if (!used.has(key)) throw new NotificationTemplateError(`data.${key} is not used by template '${template}' (store only what it needs)`);
    const problem = mailValueProblem(value);
    if (problem) throw new NotificationTemplateError(`data.${key} ${problem}`);
  }
  return { ...(data as Record<string, unknown>) };
}
