import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { dammCheckDigit, formatLicenseNumber } from '@app/agencies';

/**
 * How a case is named: a reference number read over the phone (CMP-2026-00042-7: year, serial,
 * Damm check digit, like license numbers: a mistyped digit is caught), which with a secret shown
 * once is also how the public follows the case. The secret is Crockford's base32 (no I, L, O, U)
 * so that what is read aloud is typed right.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** CMP-2026-00042-7: the license numbers' format (and check digit) with the prefix CMP. */
export const formatComplaintReference = (year: number, serial: number): string => formatLicenseNumber('CMP', year, serial);

/** `n` random Crockford characters (5 bits each). */
function randomCrockford(n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += CROCKFORD[bytes[i] & 31];
  return out;
}

/** 4 groups of 4 (80 random bits): shown once, stored as its SHA-256. */
export const newTrackingSecret = (): string => {
  const c = randomCrockford(16);
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8, 12)}-${c.slice(12)}`;
};

/** Upper case, I/L → 1, O → 0, no spaces or dashes: what a person types for a code read aloud. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** The stored form of a secret (normalised first). A high-entropy random secret needs no slow hash. */
export const hashSecret = (secret: string): string => createHash('sha256').update(normaliseCode(secret)).digest('hex');

export function secretMatches(secret: string, hash: string | null): boolean {
  if (!hash) return false;
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The link the acknowledgement mails: the page where the complainant follows the case
 * (COMPLAINTS_TRACKING_URL) with `?reference=` filling the reference in. Never the secret.
 */
/** The page of a case in its complainant's account, on the web portal (AUTH_LINK_BASE_URL: where the account's pages are). */
export const accountCaseLink = (webBaseUrl: string, caseId: string): string => new URL(`/account/complaints/${caseId}`, webBaseUrl).toString();

export function trackingLink(pageUrl: string, reference: string): string {
  const [beforeFragment, fragment] = pageUrl.split('#', 2);
  const joiner = beforeFragment.includes('?') ? (/[?&]$/.test(beforeFragment) ? '' : '&') : '?';
  return `${beforeFragment}${joiner}reference=${encodeURIComponent(reference)}${fragment !== undefined ? `#${fragment}` : ''}`;
}

/** A reference as stored, from what a person typed ('cmp 2026 00042 7'), or null when malformed or its check digit fails. */
export function canonicalReference(input: string): string | null {
  const m = /^CMP-?(\d{4})-?(\d{5,})-?(\d)$/.exec(input.toUpperCase().replace(/\s+/g, '-').replace(/-+/g, '-'));
  if (!m) return null;
  return dammCheckDigit(`${m[1]}${m[2]}`) === Number(m[3]) ? `CMP-${m[1]}-${m[2]}-${m[3]}` : null;
}
