/**
 * Languages, message catalogues and locale formatting shared by the web pages and the mail
 * templates (messages/mail/), so that a term is translated once. Plain TypeScript: no Nest, no database.
 */
export * from './locales';
export * from './catalogue';
export * from './currencies';
export * from './format';
