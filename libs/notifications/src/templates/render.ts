import { hasMessage, translate } from '@app/i18n';
import { type Language, NOTIFICATION_LANGUAGES } from '../languages';
import { type Line, MailMarkupError, escapeHtml, paragraphHtml, paragraphText, parseMessage, variablesOf } from './mail-markup';
import { type MailSealed, type MailValue, formatMailValue, mailValueProblem } from './mail-values';
import { TEMPLATES, type TemplateKey, isTemplateKey } from './registry';
import type { Paragraph, ParagraphLine, TemplateDefinition } from './template.types';

/** A template cannot be used as asked: unknown key, unknown language, or data that does not fit. A programming error. */
export class NotificationTemplateError extends Error {
  constructor(message: string) {
    super(`notifications: ${message}`);
    this.name = 'NotificationTemplateError';
  }
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** Closes every mail, in every language. */
export const SIGNATURE_KEY = 'mail.signature';

export function templateOf(key: string): TemplateDefinition<TemplateKey> {
  if (!isTemplateKey(key)) throw new NotificationTemplateError(`unknown template '${key}'`);
  return TEMPLATES[key];
}

/**
 * The language a message is written in: the one asked for. Every template exists in every
 * language (the catalogues' test fails on a missing message), so nothing falls back; the
 * template must exist.
 */
export function resolveLanguage(key: string, language: Language): Language {
  templateOf(key);
  return language;
}

// The catalogues are static, so each message is parsed once per language.
const parsed = new Map<string, Line[]>();

function messageLines(key: string, language: Language): Line[] {
  const id = `${language}/${key}`;
  let lines = parsed.get(id);
  if (!lines) {
    if (!hasMessage(key)) throw new NotificationTemplateError(`message '${key}' is not in the catalogues`);
    try {
      lines = parseMessage(translate(language, key));
    } catch (e) {
      if (e instanceof MailMarkupError) throw new NotificationTemplateError(`message '${key}' (${language}): ${e.message}`);
      throw e;
    }
    parsed.set(id, lines);
  }
  return lines;
}

function linesOf(line: ParagraphLine, language: Language): Line[] {
  if (typeof line === 'string') return messageLines(line, language);
  return [
    {
      item: false,
      segments: [
        { text: `${translate(language, line.label)}: `, strong: false },
        { variable: line.value, strong: true },
      ],
    },
  ];
}

const paragraphLines = (p: Paragraph, language: Language): Line[] =>
  (Array.isArray(p) ? (p as readonly ParagraphLine[]) : [p as ParagraphLine]).flatMap((l) => linesOf(l, language));

// Templates are static (the registry is code), so each one's variables are collected once.
const variablesByTemplate = new Map<string, readonly string[]>();

/** The variables a template uses (in any language: the catalogues' test keeps their placeholders equal). */
export function templateVariables(key: string): string[] {
  let names = variablesByTemplate.get(key);
  if (!names) {
    const t = templateOf(key);
    const found = new Set<string>();
    for (const language of NOTIFICATION_LANGUAGES) {
      for (const v of variablesOf(messageLines(t.subject, language))) found.add(v);
      for (const p of t.body) for (const v of variablesOf(paragraphLines(p, language))) found.add(v);
      if (t.follow) for (const v of variablesOf(messageLines(t.follow.message, language))) found.add(v);
    }
    names = Object.freeze([...found].sort());
    variablesByTemplate.set(key, names);
  }
  return [...names];
}

/**
 * Renders a template in this language: the subject, the plain-text part (paragraphs separated by
 * a blank line) and the HTML part (each paragraph a <p> or a list, values escaped), from the same
 * messages. Typed values (dates, money, terms) are written for the reader's language here.
 * Throws NotificationTemplateError when the template is unknown or a variable is missing or malformed.
 */
export interface RenderOptions {
  /** Opens a sealed value (`{ sealed }`, a secret link as the outbox stores it) of the named variable. Only the relay passes it. */
  unseal?: (envelope: string, variable: string) => string;
}

export function renderTemplate(key: string, language: Language, data: Record<string, unknown>, options: RenderOptions = {}): RenderedMessage {
  const t = templateOf(key);
  if (!(NOTIFICATION_LANGUAGES as readonly string[]).includes(language)) throw new NotificationTemplateError(`unknown language '${String(language)}'`);
  const written = new Map<string, string>();
  const value = (name: string): string => {
    let v = written.get(name);
    if (v === undefined) {
      if (!Object.prototype.hasOwnProperty.call(data, name))
        throw new NotificationTemplateError(`template '${key}' (${language}) cannot render this data: "${name}" is missing`);
      const problem = mailValueProblem(data[name]);
      if (problem) throw new NotificationTemplateError(`template '${key}' (${language}) cannot render this data: "${name}" ${problem}`);
      const sealed = data[name] as MailValue | MailSealed;
      if (typeof sealed === 'object' && 'sealed' in sealed && !options.unseal) {
        throw new NotificationTemplateError(`template '${key}' (${language}): "${name}" is sealed; only the relay opens it`);
      }
      const unseal = options.unseal ? (envelope: string) => options.unseal!(envelope, name) : undefined;
      written.set(name, (v = formatMailValue(sealed, language, unseal)));
    }
    return v;
  };
  const follow = t.follow && Object.prototype.hasOwnProperty.call(data, t.follow.variable) ? [messageLines(t.follow.message, language)] : [];
  const paragraphs = [...t.body.map((p) => paragraphLines(p, language)), ...follow, messageLines(SIGNATURE_KEY, language)];
  const subject = paragraphText(messageLines(t.subject, language), value).replace(/\s+/g, ' ').trim();
  const text = paragraphs.map((p) => paragraphText(p, value)).join('\n\n');
  const body = paragraphs.map((p) => paragraphHtml(p, value)).join('\n');
  return { subject, text, html: layout(language, subject, body) };
}

function layout(language: Language, subject: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 600px;">
${body}
</body>
</html>
`;
}
