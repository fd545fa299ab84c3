/**
 * The languages of the system: pages, mail and the accounts' preferred language share this list
 * (the same codes as the API's `Language` schema).
 */
export const LOCALES = ['en', 'fil', 'id', 'ne'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

export interface LocaleInfo {
  /** The language's name in the language itself, as a language link shows it. */
  name: string;
  /** The name in English (for logs and admin lists). */
  englishName: string;
  /** The BCP 47 tag handed to Intl and luxon for dates, numbers and money. */
  intl: string;
  dir: 'ltr' | 'rtl';
}

export const LOCALE_INFO: Readonly<Record<Locale, LocaleInfo>> = Object.freeze({
  // en-GB: day before month ("4 December 2026"), never the ambiguous 12/4.
  en: { name: 'English', englishName: 'English', intl: 'en-GB', dir: 'ltr' },
  fil: { name: 'Filipino', englishName: 'Filipino', intl: 'fil', dir: 'ltr' },
  id: { name: 'Bahasa Indonesia', englishName: 'Indonesian', intl: 'id', dir: 'ltr' },
  // Nepali in Devanagari, digits included (Intl's default numbering system for `ne`).
  ne: { name: 'नेपाली', englishName: 'Nepali', intl: 'ne', dir: 'ltr' },
});

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** Older or neighbouring tags a browser may send for one of our languages. */
const ALIASES: Readonly<Record<string, Locale>> = { tl: 'fil', in: 'id' };

/**
 * The best of our languages for an `Accept-Language` header (RFC 9110 §12.5.4): the highest
 * q-value whose primary subtag (`ne` of `ne-NP`) or alias (`tl` → Filipino) we have; ties keep
 * the header's order. Nothing usable (or no header): English.
 */
export function negotiateLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of acceptLanguage.split(',').slice(0, 32)) {
    const [tag, ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const locale = isLocale(primary) ? primary : ALIASES[primary];
    if (!locale) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (q > 0 && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
