import { FieldDecryptionError, FieldEncryption, fieldAad } from '@app/common';
import type { MailSealed, MailSecretLink } from './mail-values';
import { NotificationTemplateError } from './render';

/**
 * Secret links in the outbox (docs/notifications.md, "Secret links"). A link that opens an account
 * (email verification, password reset, staff invitation) is a secret: the outbox must not hold it
 * readable, since admins read messages' data and backups hold the table. It is sealed with field
 * encryption when enqueued and opened by the relay when the mail is rendered for sending.
 *
 * The associated data names the template and the variable, so an envelope only opens as the
 * link of that template; it is not bound to the row (the row's id is not known before the
 * insert). Someone who can write the outbox could copy a sealed link into another row of the same
 * template; they could equally change an account's password hash, so this adds no new power.
 */
export const secretLinkAad = (template: string, variable: string): string => fieldAad('notification', template, variable);

const isSecretLink = (v: unknown): v is MailSecretLink => typeof v === 'object' && v !== null && 'secretLink' in v;

/** The data as the outbox stores it: every `{ secretLink }` sealed into `{ sealed }`. */
export function sealSecretLinks(crypto: FieldEncryption, template: string, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    out[name] = isSecretLink(value) ? ({ sealed: crypto.encrypt(value.secretLink, secretLinkAad(template, name)) } satisfies MailSealed) : value;
  }
  return out;
}

/**
 * What the relay passes to renderTemplate to open sealed links. An envelope that does not open
 * (altered, or its key removed from FIELD_ENCRYPTION_KEYS) will never open: the message fails at
 * once (a NotificationTemplateError is permanent) instead of being retried.
 */
export const secretLinkOpener =
  (crypto: FieldEncryption, template: string) =>
  (envelope: string, variable: string): string => {
    try {
      return crypto.decrypt(envelope, secretLinkAad(template, variable));
    } catch (e) {
      if (e instanceof FieldDecryptionError) throw new NotificationTemplateError(`the sealed "${variable}" of '${template}' does not open (${e.reason})`);
      throw e;
    }
  };
