import { DEFAULT_LANGUAGE, type Language, isLanguage } from './languages';
import { type MailValue, mailValueProblem } from './templates/mail-values';
import { NotificationTemplateError, renderTemplate, resolveLanguage, templateOf, templateVariables } from './templates/render';
import type { TemplateKey } from './templates/registry';

/** What a caller asks to send. */
export interface NotificationMessage {
  /** The recipient's email address. */
  to: string;
  /** The recipient's account, when they have one (for the admin view and later lookups). */
  userId?: string;
  template: TemplateKey;
  /** The recipient's language (default English): every template is written in every language. */
  language?: Language;
  /**
   * Exactly the template's variables. Names and references as strings, counts as numbers; dates,
   * amounts and terms typed (`mailDate`, `mailDateTime`, `mailMoney`, `mailTerm`), so that the
   * mail writes them in the reader's language when it is rendered. Never secrets.
   */
  data: Record<string, MailValue>;
  /**
   * One message per key, ever: the same key again is ignored. Name the event, not the attempt:
   * `case.received:<caseId>`, `deadline.reminder:<deadlineId>:<level>:<userId>`.
   */
  dedupKey: string;
}

/** A message ready to insert: validated, language resolved, data normalised to its JSON form. */
export interface PreparedMessage {
  recipient: string;
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

/**
 * Validates a message and renders it once, so a wrong one fails in the caller's code path (and
 * its transaction rolls back) instead of failing later in the relay. Throws
 * NotificationTemplateError: these are programming errors, never user input.
 */
export function prepareMessage(msg: NotificationMessage): PreparedMessage {
  if (!msg || typeof msg !== 'object') throw new NotificationTemplateError('message must be an object');
  const to = typeof msg.to === 'string' ? msg.to.trim() : '';
  if (to.length > 254 || !EMAIL.test(to) || hasControlCharacter(to)) throw new NotificationTemplateError('to must be one email address');
  if (msg.userId !== undefined && msg.userId !== null && (typeof msg.userId !== 'string' || !UUID.test(msg.userId))) {
    throw new NotificationTemplateError('userId must be a uuid');
  }
  if (typeof msg.dedupKey !== 'string' || msg.dedupKey.trim() === '' || msg.dedupKey.length > 300) {
    throw new NotificationTemplateError('dedupKey must be a non-empty string of at most 300 characters');
  }
  const asked = msg.language ?? DEFAULT_LANGUAGE;
  if (!isLanguage(asked)) throw new NotificationTemplateError(`unknown language '${String(asked)}'`);
  templateOf(msg.template);
  const language = resolveLanguage(msg.template, asked);
  const data = normaliseData(msg.template, msg.data);
  renderTemplate(msg.template, language, data);
  return { recipient: to, recipientUserId: msg.userId?.toLowerCase() ?? null, template: msg.template, language, data, dedupKey: msg.dedupKey };
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
