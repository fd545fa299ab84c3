/**
 * The values a message's data may hold, and how each is written for the reader. Dates, amounts
 * and terms are stored typed (JSON) and formatted when the mail is rendered, in the recipient's
 * language: a Nepali reader gets a Nepali month name and Devanagari digits, an amount in IDR is
 * shown with IDR's ISO 4217 exponent. Strings are shown as they are (names, references, and the
 * preformatted dates of rows enqueued before typed values existed); numbers in the reader's digits.
 */
import { DateTime, IANAZone } from 'luxon';
import { type Locale, type MessageKey, formatDate, formatMoney, formatNumber, hasMessage, isKnownCurrency, translate } from '@app/i18n';

/** A local date, `YYYY-MM-DD` (a deadline's last day): shown as that day wherever the reader is. */
export interface MailDate {
  date: string;
}

/** An instant (ISO 8601 with offset), shown in `zone` (IANA) with the weekday and the zone's offset. */
export interface MailDateTime {
  dateTime: string;
  zone: string;
}

/** Integer minor units (a decimal string, as bigint columns are read) in an ISO 4217 currency. */
export interface MailMoney {
  money: { minor: string; currency: string };
}

/** A term of the message catalogues (a priority, a claim type), shown in the reader's language. */
export interface MailTerm {
  term: string;
}

/**
 * A link that opens something by itself (a password reset, an email verification, an invitation):
 * given by the caller, shown as the address. It is never stored as it is: `Notifications.enqueue`
 * seals it (field encryption, bound to the message) before the row is written, so the outbox, its
 * admin view and a database dump hold only `{ sealed }`; the relay unseals it when it sends.
 */
export interface MailSecretLink {
  secretLink: string;
}

/** A secret link as the outbox stores it: a field-encryption envelope, unsealed only by the relay. */
export interface MailSealed {
  sealed: string;
}

export type MailValue = string | number | MailDate | MailDateTime | MailMoney | MailTerm | MailSecretLink;

/** A value as stored in the outbox: a secret link is sealed. */
export type StoredMailValue = Exclude<MailValue, MailSecretLink> | MailSealed;

export const mailDate = (localDate: string): MailDate => ({ date: localDate });

/** The local date of an instant in a time zone (a deadline due at the end of a local day). */
export const mailDateIn = (instant: Date | string, zone: string): MailDate => ({ date: DateTime.fromJSDate(new Date(instant), { zone }).toISODate()! });

export const mailDateTime = (instant: Date | string, zone: string): MailDateTime => ({ dateTime: new Date(instant).toISOString(), zone });

export const mailMoney = (minor: bigint | string, currency: string): MailMoney => ({ money: { minor: minor.toString(), currency: currency.trim() } });

export const mailTerm = (key: MessageKey): MailTerm => ({ term: key });

export const mailSecretLink = (url: string): MailSecretLink => ({ secretLink: url });

const HTTP_URL = /^https?:\/\/[^\s<>"]+$/;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
// An instant names its offset: without one, the same text is a different moment in each zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const INTEGER = /^-?\d+$/;

// IANAZone.isValidZone builds an Intl.DateTimeFormat each time (half a millisecond): zones are few, remember them.
const validZones = new Set<string>();
const isZone = (zone: string): boolean => validZones.has(zone) || (IANAZone.isValidZone(zone) && !!validZones.add(zone));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasKeys = (v: Record<string, unknown>, keys: string[]) => Object.keys(v).sort().join() === [...keys].sort().join();

export const MAIL_VALUE_SHAPES =
  'a string, a finite number, { date }, { dateTime, zone }, { money: { minor, currency } }, { term }, { secretLink } or { sealed }';

/** What is wrong with a value (null when it is a valid MailValue). */
export function mailValueProblem(value: unknown): string | null {
  if (typeof value === 'string') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'is not a finite number';
  if (!isObject(value)) return `must be ${MAIL_VALUE_SHAPES}`;
  if (hasKeys(value, ['date'])) {
    return typeof value.date === 'string' && LOCAL_DATE.test(value.date) && DateTime.fromISO(value.date).isValid
      ? null
      : 'date must be a local date YYYY-MM-DD';
  }
  if (hasKeys(value, ['dateTime', 'zone'])) {
    if (typeof value.dateTime !== 'string' || !INSTANT.test(value.dateTime) || !DateTime.fromISO(value.dateTime).isValid)
      return 'dateTime must be an ISO 8601 instant with its offset';
    return typeof value.zone === 'string' && isZone(value.zone) ? null : 'zone must be an IANA time zone';
  }
  if (hasKeys(value, ['money'])) {
    const money = value.money;
    if (!isObject(money) || !hasKeys(money, ['currency', 'minor'])) return 'money must be { minor, currency }';
    if (typeof money.minor !== 'string' || !INTEGER.test(money.minor)) return 'money.minor must be integer minor units as a decimal string';
    return typeof money.currency === 'string' && isKnownCurrency(money.currency)
      ? null
      : 'money.currency must be an ISO 4217 code of the currency table (libs/i18n currencies.ts)';
  }
  if (hasKeys(value, ['term'])) return typeof value.term === 'string' && hasMessage(value.term) ? null : 'term must be a key of the message catalogues';
  if (hasKeys(value, ['secretLink']))
    return typeof value.secretLink === 'string' && HTTP_URL.test(value.secretLink) ? null : 'secretLink must be one http(s) address';
  if (hasKeys(value, ['sealed'])) return typeof value.sealed === 'string' && value.sealed !== '' ? null : 'sealed must be a field-encryption envelope';
  return `must be ${MAIL_VALUE_SHAPES}`;
}

/**
 * The value as the reader sees it. Call mailValueProblem first: a malformed value throws. A sealed
 * value needs `unseal` (only the relay has it); elsewhere it cannot be shown.
 */
export function formatMailValue(value: MailValue | MailSealed, locale: Locale, unseal?: (envelope: string) => string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, locale);
  if ('date' in value) return formatDate(value.date, locale, 'date');
  if ('dateTime' in value) return formatDate(value.dateTime, locale, 'dateTimeFull', value.zone);
  if ('money' in value) return formatMoney(value.money.minor, value.money.currency, locale);
  if ('secretLink' in value) return value.secretLink;
  if ('sealed' in value) {
    if (!unseal) throw new Error('a sealed value is shown only when the mail is sent');
    return unseal(value.sealed);
  }
  return translate(locale, value.term);
}
