import Handlebars from 'handlebars';
import { type Language, NOTIFICATION_LANGUAGES } from '../languages';
import { TEMPLATES, type TemplateKey, isTemplateKey } from './registry';
import type { MessageSource, TemplateDefinition } from './template.types';

/** A template cannot be used as asked: unknown key, missing language, or data that does not fit. A programming error. */
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

// An environment of our own: no helper or partial registered elsewhere can leak in.
const hbs = Handlebars.create();

// `strict`: a variable missing from the data throws instead of rendering as nothing.
// The HTML part escapes values (noEscape: false); the subject and the plain-text part are not
// HTML, so escaping there would show "&amp;" to the reader: they are compiled with noEscape.
const HTML_OPTIONS: CompileOptions = { strict: true, noEscape: false };
const PLAIN_OPTIONS: CompileOptions = { strict: true, noEscape: true };

type Compiled = { subject: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate };
const compiled = new Map<string, Compiled>();

function compile(key: string, language: Language, source: MessageSource): Compiled {
  const id = `${key}/${language}`;
  let c = compiled.get(id);
  if (!c) {
    c = {
      subject: hbs.compile(source.subject, PLAIN_OPTIONS),
      text: hbs.compile(source.text, PLAIN_OPTIONS),
      html: hbs.compile(source.html, HTML_OPTIONS),
    };
    compiled.set(id, c);
  }
  return c;
}

export function templateOf(key: string): TemplateDefinition<TemplateKey> {
  if (!isTemplateKey(key)) throw new NotificationTemplateError(`unknown template '${key}'`);
  return TEMPLATES[key];
}

/** The languages a template is written in. */
export const languagesOf = (t: TemplateDefinition): Language[] => NOTIFICATION_LANGUAGES.filter((l) => t.translations[l] !== undefined);

/**
 * The language a message is actually written in: the one asked for when the template has it;
 * otherwise English, for staff and agency templates only. A worker-facing template without the
 * language is an error (it cannot happen with the registry's types and unit tests).
 */
export function resolveLanguage(key: string, language: Language): Language {
  const t = templateOf(key);
  if (t.translations[language]) return language;
  if (t.audience === 'worker') throw new NotificationTemplateError(`worker-facing template '${key}' has no '${language}' translation`);
  return 'en';
}

// Templates are static (the registry is code), so each one's variables are parsed once.
const variablesOf = new Map<string, readonly string[]>();

/** The variables a template uses (in any of its languages and parts). */
export function templateVariables(key: string): string[] {
  let names = variablesOf.get(key);
  if (!names) {
    const t = templateOf(key);
    const found = new Set<string>();
    for (const source of Object.values(t.translations) as MessageSource[]) {
      for (const part of [source.subject, source.text, source.html]) collectVariables(hbs.parse(part), found);
    }
    names = Object.freeze([...found].sort());
    variablesOf.set(key, names);
  }
  return [...names];
}

function collectVariables(node: unknown, into: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  const n = node as { type?: string; head?: unknown; parts?: string[]; original?: string };
  if (n.type === 'PathExpression' && Array.isArray(n.parts) && n.parts.length > 0) into.add(n.parts[0]);
  for (const value of Object.values(node as Record<string, unknown>)) {
    if (Array.isArray(value)) value.forEach((v) => collectVariables(v, into));
    else if (value && typeof value === 'object') collectVariables(value, into);
  }
}

/**
 * Renders a template in exactly this language (no fallback: pass what `resolveLanguage` gave).
 * Throws NotificationTemplateError when the template, the language or a variable is missing.
 */
export function renderTemplate(key: string, language: Language, data: Record<string, unknown>): RenderedMessage {
  const t = templateOf(key);
  const source = t.translations[language];
  if (!source) throw new NotificationTemplateError(`template '${key}' has no '${language}' translation`);
  const c = compile(key, language, source);
  try {
    const subject = c.subject(data).replace(/\s+/g, ' ').trim();
    const text = c.text(data);
    const body = c.html(data);
    return { subject, text, html: layout(language, subject, body) };
  } catch (e) {
    throw new NotificationTemplateError(`template '${key}' (${language}) cannot render this data: ${(e as Error).message.split('\n')[0]}`);
  }
}

function layout(language: Language, subject: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${hbs.Utils.escapeExpression(subject)}</title></head>
<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; max-width: 600px;">
${body}
</body>
</html>
`;
}
