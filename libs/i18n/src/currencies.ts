/**
 * ISO 4217 minor-unit exponents: how many decimal places one unit of a currency has, so that
 * integer minor units (how the system stores money) can be shown as an amount.
 *
 * THE table: libs/fees assesses and converts money with it (libs/fees/src/assessment/money.ts
 * re-exports it), and pages and mail write amounts with it. Do not ask Intl instead: Intl gives
 * the digits a currency is usually *written* with (IDR 0), not its ISO exponent (IDR 2), and an
 * IDR amount stored in sen would be shown 100 times too large.
 */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  AED: 2,
  AUD: 2,
  BDT: 2,
  BHD: 3,
  BND: 2,
  CAD: 2,
  CHF: 2,
  CNY: 2,
  EUR: 2,
  ETB: 2,
  GBP: 2,
  HKD: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  JOD: 3,
  JPY: 0,
  KES: 2,
  KHR: 2,
  KRW: 0,
  KWD: 3,
  LBP: 2,
  LKR: 2,
  MMK: 2,
  MOP: 2,
  MYR: 2,
  NPR: 2,
  NZD: 2,
  OMR: 3,
  PHP: 2,
  PKR: 2,
  QAR: 2,
  SAR: 2,
  SGD: 2,
  THB: 2,
  TWD: 2,
  UGX: 0,
  USD: 2,
  VND: 0,
});

export class UnknownCurrencyError extends Error {
  constructor(readonly currency: string) {
    super(`unknown currency "${currency}": add its ISO 4217 exponent to CURRENCY_EXPONENTS (libs/i18n/src/currencies.ts)`);
    this.name = 'UnknownCurrencyError';
  }
}

export function isKnownCurrency(currency: string): boolean {
  return Object.prototype.hasOwnProperty.call(CURRENCY_EXPONENTS, currency);
}

/** The ISO 4217 exponent of `currency`; an unknown code throws rather than guess. */
export function currencyExponent(currency: string): number {
  if (!isKnownCurrency(currency)) throw new UnknownCurrencyError(currency);
  return CURRENCY_EXPONENTS[currency];
}
