/**
 * The languages messages are written in. The same list as the accounts' preferred languages
 * (`@app/auth`), kept here so this library depends on nothing above it.
 */
export const NOTIFICATION_LANGUAGES = ['en', 'fil', 'id', 'ne'] as const;
export type Language = (typeof NOTIFICATION_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (NOTIFICATION_LANGUAGES as readonly string[]).includes(value);
