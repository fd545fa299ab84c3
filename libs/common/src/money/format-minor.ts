/** "PHP 1,000,000.00": minor units in the currency's usual number of decimals (ISO 4217, from Intl), without float rounding; an unknown code gets two. */
export function formatMinor(amountMinor: bigint, currency: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown code: two decimals.
  }
  const negative = amountMinor < 0n;
  const abs = negative ? -amountMinor : amountMinor;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toLocaleString('en-US');
  const fraction = digits ? `.${(abs % scale).toString().padStart(digits, '0')}` : '';
  return `${negative ? '-' : ''}${currency} ${whole}${fraction}`;
}
