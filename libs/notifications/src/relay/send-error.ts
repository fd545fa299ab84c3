import { FieldDecryptionError } from '@app/common';
import { LAST_ERROR_MAX_LENGTH } from '../notifications.constants';
import { NotificationTemplateError } from '../templates/render';

export interface SendFailure {
  /** Short and free of credentials: kept in last_error and shown to admins. */
  message: string;
  /** Retrying cannot help: the recipient is refused for good, or the message cannot be rendered. */
  permanent: boolean;
}

type SmtpError = Error & { code?: string; responseCode?: number; command?: string; response?: string };

/**
 * What went wrong, for last_error, and whether to retry. Only failures about this one message
 * are permanent: an address the server refuses with 5xx at RCPT TO, an address nodemailer
 * cannot use, a template that no longer renders, a sealed value that does not open. Everything
 * else (connection refused, timeouts, 4xx, a 5xx at MAIL FROM or AUTH, a key missing from
 * FIELD_ENCRYPTION_KEYS: what a fixed configuration cures) is retried.
 *
 * last_error is stored in plain text, so it never holds an address: SMTP servers quote the
 * recipient in their replies (`550 5.1.1 <rosa@example.org>: no such user`). The recipient and
 * anything shaped like an address become `[address]`.
 */
export function describeSendError(e: unknown, recipient?: string | null): SendFailure {
  if (e instanceof NotificationTemplateError) return { message: clip(e.message, recipient), permanent: true };
  if (e instanceof FieldDecryptionError)
    return { message: clip(`${e.name} ${e.reason}${e.keyId ? ` (key id ${e.keyId})` : ''}`), permanent: e.reason !== 'unknown-key' };
  const err = (e instanceof Error ? e : new Error(String(e))) as SmtpError;
  const parts = [err.code ?? err.name ?? 'Error'];
  if (err.responseCode) parts.push(String(err.responseCode));
  if (err.command) parts.push(`at ${err.command}`);
  const detail = (err.response ?? err.message ?? '').replace(/\s+/g, ' ').trim();
  const permanent = err.code === 'EENVELOPE' && ((err.command === 'RCPT TO' && (err.responseCode ?? 0) >= 500) || err.command === 'API');
  return { message: clip(`${parts.join(' ')}: ${detail}`, recipient), permanent };
}

// A URL with credentials in it (smtp://user:password@host) never reaches the database.
const redactCredentials = (s: string) => s.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1[redacted]@');

// Addresses of any form an SMTP reply quotes them in (bare, <in brackets>, after a colon).
const ADDRESS = /[^\s<>()[\]\\,;:"'@]+@[^\s<>()[\]\\,;:"'@]+/g;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const redactAddresses = (s: string, recipient?: string | null) => {
  const named = recipient ? s.replace(new RegExp(escapeRegExp(recipient), 'gi'), '[address]') : s;
  return named.replace(ADDRESS, '[address]');
};
const clip = (s: string, recipient?: string | null) => {
  const clean = redactAddresses(redactCredentials(s), recipient);
  return clean.length > LAST_ERROR_MAX_LENGTH ? `${clean.slice(0, LAST_ERROR_MAX_LENGTH - 1)}…` : clean;
};
