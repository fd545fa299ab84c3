/**
 * The languages messages are written in: the system's languages (libs/i18n), the same list as
 * the accounts' preferred languages and the web pages'.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale, isLocale } from '@app/i18n';

export const NOTIFICATION_LANGUAGES = LOCALES;
export type Language = Locale;

export const DEFAULT_LANGUAGE: Language = DEFAULT_LOCALE;

export const isLanguage = isLocale;
