import type { MessageKey } from '@app/i18n';
import type { MailValue } from './mail-values';

/** Who reads a template. Every template exists in every language (ministries run in each of them). */
export type TemplateAudience = 'worker' | 'staff' | 'agency';

/**
 * A label of the catalogues followed by a variable, emphasised: `Reference number: CMP-…`. For
 * terms the web pages already name (the pages' wording, translated once).
 */
export interface Field {
  label: MessageKey;
  value: string;
}

/** One line of a paragraph: a message of the catalogues (which may itself hold several lines), or a field. */
export type ParagraphLine = MessageKey | Field;

/** A paragraph: one message or field, or several shown one under the other. */
export type Paragraph = ParagraphLine | readonly ParagraphLine[];

/**
 * A mail: its texts are messages of the catalogues (libs/i18n/src/messages/mail/<language>.json,
 * keys `mail.<template>.subject` and `mail.<template>.body.<name>`), in the order they are read.
 * The renderer adds the signature (`mail.signature`).
 */
export interface TemplateDefinition<K extends string = string> {
  key: K;
  audience: TemplateAudience;
  /** What the message says and when it is sent, for whoever adds a caller. */
  description: string;
  /** Example data: every variable the template uses, as callers pass it. The unit tests render every language with it. */
  example: Record<string, MailValue>;
  subject: MessageKey;
  body: readonly Paragraph[];
  /**
   * A last paragraph linking to the reader's own page (their claim, their case), written only when
   * the data carries `variable`: mail queued before the link existed renders as it did.
   */
  follow?: { message: MessageKey; variable: string };
}

/** Identity, for type inference of the key and a compile-time check of the shape. */
export const defineTemplate = <K extends string>(t: TemplateDefinition<K>): TemplateDefinition<K> => t;

/** `Reference number: <referenceNumber>`, in the words of the complaint-tracking page. */
export const REFERENCE_NUMBER: Field = { label: 'tracking.form.reference.label', value: 'referenceNumber' };
