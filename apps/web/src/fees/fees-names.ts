/**
 * Plain-language names for the codes the fee API speaks (countries, currencies, occupation
 * categories, fee items), from the fee catalogue (libs/i18n/src/messages/fees/<lang>.json) in the
 * reader's language. A code the catalogue does not know yet (a country or an item added to the
 * API later) still gets a name, never the bare code: Intl's name for a country or a currency, the
 * API's own English label for an item.
 */
import { CURRENCY_EXPONENTS, LOCALE_INFO, Locale, hasMessage, translate } from '@app/i18n';

const displayNames = new Map<string, Intl.DisplayNames>();
function intlName(locale: Locale, type: 'region' | 'currency', code: string): string | undefined {
  const key = `${locale}|${type}`;
  let names = displayNames.get(key);
  if (!names) displayNames.set(key, (names = new Intl.DisplayNames([LOCALE_INFO[locale].intl, 'en'], { type, fallback: 'none' })));
  try {
    return names.of(code) ?? undefined;
  } catch {
    return undefined;
  }
}

const message = (locale: Locale, key: string): string | undefined => (hasMessage(key) ? translate(locale, key) : undefined);

export function countryName(locale: Locale, code: string): string {
  return message(locale, `fees.countries.${code}`) ?? intlName(locale, 'region', code) ?? code;
}

/** "Hong Kong dollar" */
export function currencyName(locale: Locale, code: string): string {
  return message(locale, `fees.currencies.${code}`) ?? intlName(locale, 'currency', code) ?? code;
}

/** "Hong Kong dollar (HKD)": the code beside the name, as receipts and contracts write it. */
export function currencyLabel(locale: Locale, code: string): string {
  return translate(locale, 'fees.currencyLabel', { name: currencyName(locale, code), code });
}

/** "Domestic work" */
export function jobName(locale: Locale, code: string): string {
  return message(locale, `fees.jobs.${code}.name`) ?? code.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** What the category covers, in a few words (undefined when the catalogue has none). */
export function jobHint(locale: Locale, code: string): string | undefined {
  return message(locale, `fees.jobs.${code}.hint`);
}

/** "Passport"; `apiLabel` is the API's English label, for an item the catalogue does not know. */
export function itemName(locale: Locale, code: string, apiLabel?: string): string {
  return message(locale, `fees.items.${code}`) ?? apiLabel ?? code;
}

/** Every currency of the one ISO 4217 table (libs/i18n), sorted by its name in the reader's language. */
export function currencyOptions(locale: Locale): { code: string; label: string }[] {
  const collator = new Intl.Collator(LOCALE_INFO[locale].intl);
  return Object.keys(CURRENCY_EXPONENTS)
    .map((code) => ({ code, name: currencyName(locale, code), label: currencyLabel(locale, code) }))
    .sort((a, b) => collator.compare(a.name, b.name))
    .map(({ code, label }) => ({ code, label }));
}

/**
 * The currency wages are usually paid in, in countries workers go to: only to pre-select the
 * salary question's answer (the person can choose another). Not a rule of any kind.
 */
export const USUAL_SALARY_CURRENCY: Readonly<Record<string, string>> = Object.freeze({
  AE: 'AED',
  AU: 'AUD',
  BH: 'BHD',
  BN: 'BND',
  CA: 'CAD',
  CN: 'CNY',
  GB: 'GBP',
  HK: 'HKD',
  IL: 'ILS',
  JO: 'JOD',
  JP: 'JPY',
  KR: 'KRW',
  KW: 'KWD',
  LB: 'LBP',
  MO: 'MOP',
  MY: 'MYR',
  NZ: 'NZD',
  OM: 'OMR',
  QA: 'QAR',
  SA: 'SAR',
  SG: 'SGD',
  TH: 'THB',
  TW: 'TWD',
  US: 'USD',
});

/** Sorts codes by their names in the reader's language. */
export function byName<T>(locale: Locale, items: T[], name: (item: T) => string): T[] {
  const collator = new Intl.Collator(LOCALE_INFO[locale].intl);
  return [...items].sort((a, b) => collator.compare(name(a), name(b)));
}
