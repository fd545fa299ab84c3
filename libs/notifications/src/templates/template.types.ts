import type { Language } from '../languages';

/** Who reads a template: worker-facing ones must exist in every language. */
export type Audience = 'worker' | 'staff' | 'agency';

/** One language of a template: Handlebars sources of the subject, the plain-text part and the HTML part. */
export interface MessageSource {
  subject: string;
  /** The plain-text part (mandatory: many cheap phones' mail apps show only this). */
  text: string;
  /** The HTML part's body (a fragment; the layout adds <html lang>, <head> and <body>). */
  html: string;
}

interface TemplateBase<K extends string> {
  key: K;
  /** What the message says and when it is sent, for whoever adds a caller. */
  description: string;
  /** Example data: every variable the template uses. The unit tests render every language with it. */
  example: Record<string, string | number>;
}

/** Read by migrant workers: English, Filipino, Bahasa Indonesia and Nepali, all required. */
export interface WorkerTemplate<K extends string = string> extends TemplateBase<K> {
  audience: 'worker';
  translations: Record<Language, MessageSource>;
}

/** Read by ministry staff or agencies: English required; a missing language falls back to English. */
export interface StaffTemplate<K extends string = string> extends TemplateBase<K> {
  audience: 'staff' | 'agency';
  translations: { en: MessageSource } & Partial<Record<Language, MessageSource>>;
}

export type TemplateDefinition<K extends string = string> = WorkerTemplate<K> | StaffTemplate<K>;

/** Identity, for type inference of the key and a compile-time check of the shape. */
export const defineTemplate = <K extends string>(t: TemplateDefinition<K>): TemplateDefinition<K> => t;
