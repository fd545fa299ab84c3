/**
 * For template unit tests: the view environment over apps/web/views, and what every page gets
 * from views/page-context.ts (here with a fixed CSRF token), so a spec renders a template as the
 * app would without a request. Test code only.
 */
import { join } from 'node:path';
import { LOCALES, Locale, translator } from '@app/i18n';
import { ROUTES } from '../routes';
import { createViewEnvironment } from './view-environment';

export const TEST_CSRF_TOKEN = 'TOKEN-123';

export const testViewEnvironment = () => createViewEnvironment({ viewsDir: join(__dirname, '..', '..', 'views') });

/** The page context in `locale` at `currentPath`, with `extra` (a page's own data) over it. */
export const testPageContext = (locale: Locale, currentPath: string, extra: Record<string, unknown> = {}) => ({
  t: translator(locale),
  lang: locale,
  dir: 'ltr',
  serviceName: 'Labour case system',
  languages: LOCALES.map((code) => ({ code, name: code, href: `/?lang=${code}`, current: code === locale })),
  routes: ROUTES,
  currentPath,
  csrfToken: () => TEST_CSRF_TOKEN,
  signedIn: false,
  ...extra,
});
