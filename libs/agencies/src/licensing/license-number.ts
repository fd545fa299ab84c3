/**
 * License numbers: `<prefix>-<year>-<serial>-<check>`, e.g. `PH-LRA-2026-00042-7`.
 *
 * - prefix: letters from the setting LICENSING_NUMBER_PREFIX (the jurisdiction and register);
 * - year: the year of issue;
 * - serial: a database sequence, at least five digits (zero-padded), never reused;
 * - check: one decimal digit, the Damm check digit of the year's and serial's digits read left
 *   to right ("202600042" -> 7).
 *
 * Damm rather than Luhn: Luhn misses the transposition 09 <-> 90; Damm's table is a totally
 * anti-symmetric quasigroup of order 10, so it detects every single-digit error and every
 * transposition of two adjacent digits, with a decimal check digit (ISO 7064 MOD 11-2 would need
 * an 'X'). A number whose check digit does not hold is refused before any lookup.
 */

const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function dammInterim(digits: string): number {
  let interim = 0;
  for (const ch of digits) {
    const d = ch.charCodeAt(0) - 48;
    if (d < 0 || d > 9) throw new RangeError(`not a digit: ${JSON.stringify(ch)}`);
    interim = DAMM[interim][d];
  }
  return interim;
}

/** The Damm check digit of a string of decimal digits. */
export const dammCheckDigit = (digits: string): number => dammInterim(digits);

/** Whether digits followed by their check digit hold (the interim comes out 0). */
export const dammValid = (digitsWithCheck: string): boolean => /^\d+$/.test(digitsWithCheck) && dammInterim(digitsWithCheck) === 0;

export const SERIAL_MIN_WIDTH = 5;

export function formatLicenseNumber(prefix: string, year: number, serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1) throw new RangeError('serial must be a positive integer');
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError('year must have four digits');
  const s = String(serial).padStart(SERIAL_MIN_WIDTH, '0');
  return `${prefix}-${year}-${s}-${dammCheckDigit(`${year}${s}`)}`;
}

const NUMBER_PATTERN = /^([A-Z]{2,4}(?:-[A-Z]{2,6})?)-(\d{4})-(\d{5,})-(\d)$/;

/** Whether the text is a well-formed license number whose check digit holds (letters upper-cased first). */
export function isValidLicenseNumber(text: string): boolean {
  const m = NUMBER_PATTERN.exec(text.trim().toUpperCase());
  return !!m && dammValid(`${m[2]}${m[3]}${m[4]}`);
}

/** The number as stored (trimmed, upper-case), or null when malformed or its check digit fails. */
export function normaliseLicenseNumber(text: string): string | null {
  const t = text.trim().toUpperCase();
  return isValidLicenseNumber(t) ? t : null;
}
