/** Types of html-page.mjs (for its spec: the scripts are JavaScript). */
export function decodeEntities(text: string): string;
export function attributes(tag: string): Record<string, string>;
export function inputValue(html: string, name: string): string | null;
export function linkByRel(html: string, rel: string): string | null;
export function storeCookies(jar: Map<string, string>, setCookies: string[]): Map<string, string>;
export function cookieHeader(jar: Map<string, string>): string;
