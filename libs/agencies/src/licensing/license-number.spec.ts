import { dammCheckDigit, dammValid, formatLicenseNumber, isValidLicenseNumber, normaliseLicenseNumber } from './license-number';

/** Every string of the same length as `s` differing from it in exactly one digit. */
function singleDigitErrors(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    for (let d = 0; d <= 9; d++) if (String(d) !== s[i]) out.push(s.slice(0, i) + d + s.slice(i + 1));
  }
  return out;
}

/** Every string made by swapping two adjacent, different digits of `s`. */
function adjacentTranspositions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) if (s[i] !== s[i + 1]) out.push(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
  return out;
}

describe('license number check digit (Damm)', () => {
  it('formats prefix, year, zero-padded serial and check digit', () => {
    expect(formatLicenseNumber('PH-LRA', 2026, 42)).toBe(`PH-LRA-2026-00042-${dammCheckDigit('202600042')}`);
    expect(formatLicenseNumber('PH-LRA', 2026, 1234567)).toMatch(/^PH-LRA-2026-1234567-\d$/);
    expect(dammCheckDigit('572')).toBe(4); // the published example: 572 -> 5724
    expect(dammValid('5724')).toBe(true);
  });

  it('accepts what it formats, in any letter case and with spaces around', () => {
    const n = formatLicenseNumber('PH-LRA', 2027, 99);
    expect(isValidLicenseNumber(n)).toBe(true);
    expect(normaliseLicenseNumber(`  ${n.toLowerCase()} `)).toBe(n);
    expect(normaliseLicenseNumber('PH-LRA-2026-42-1')).toBeNull();
    expect(normaliseLicenseNumber('not a number')).toBeNull();
  });

  // Every serial up to 3,000 in two years, and some large ones: exhaustive over each number's
  // digits, not a sample of errors.
  const serials = [...Array.from({ length: 3000 }, (_, i) => i + 1), 99_999, 100_000, 123_456, 9_876_543];
  const numbers = [2026, 2090].flatMap((year) => serials.map((s) => ({ year, s })));

  it('detects every single-digit error', () => {
    let checked = 0;
    for (const { year, s } of numbers) {
      const digits = `${year}${String(s).padStart(5, '0')}`;
      const full = digits + dammCheckDigit(digits);
      expect(dammValid(full)).toBe(true);
      for (const wrong of singleDigitErrors(full)) {
        if (dammValid(wrong)) throw new Error(`${wrong} (from ${full}) was not detected`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500_000);
  });

  it('detects every transposition of two adjacent digits, 09 <-> 90 included (which Luhn misses)', () => {
    let checked = 0;
    for (const { year, s } of numbers) {
      const digits = `${year}${String(s).padStart(5, '0')}`;
      const full = digits + dammCheckDigit(digits);
      for (const wrong of adjacentTranspositions(full)) {
        if (dammValid(wrong)) throw new Error(`${wrong} (from ${full}) was not detected`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20_000);
    const n = '2026000900';
    expect(dammValid(n + dammCheckDigit(n))).toBe(true);
    expect(dammValid('2026009000' + dammCheckDigit(n))).toBe(false);
  });

  it('detects the errors through the formatted number too (across the dashes)', () => {
    const n = formatLicenseNumber('PH-LRA', 2026, 42);
    const digits = n.replace(/\D/g, '');
    for (const wrong of [...singleDigitErrors(digits), ...adjacentTranspositions(digits)]) {
      const text = `PH-LRA-${wrong.slice(0, 4)}-${wrong.slice(4, 9)}-${wrong.slice(9)}`;
      expect(isValidLicenseNumber(text)).toBe(false);
    }
  });
});
