/**
 * Reading a server-rendered page as a browser would, without one: a form's hidden field (the
 * CSRF token), a link by its rel (the queue's "Next page"), and the cookies a response sets.
 * Used by bench/web-queue.mjs; here (not in bench/) so the unit project's specs reach it.
 * Regular expressions over the web app's own markup, not a general HTML parser.
 */

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An attribute value's text: character references decoded. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** The attributes of one start tag (`<input …>`), names lower-cased, values decoded. */
export function attributes(tag) {
  const attrs = {};
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const inner = tag.replace(/^<[a-z0-9]+/i, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(re)) attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  return attrs;
}

const startTags = (html, name) => html.match(new RegExp(`<${name}\\b[^>]*>`, 'gi')) ?? [];

/** The value of the first `<input name="…">` (e.g. `_csrf`), or null. */
export function inputValue(html, name) {
  for (const tag of startTags(html, 'input')) {
    const a = attributes(tag);
    if (a.name === name) return a.value ?? '';
  }
  return null;
}

/** The href of the first `<a rel="…">` carrying `rel` (e.g. `next`: GOV.UK pagination's), or null. */
export function linkByRel(html, rel) {
  for (const tag of startTags(html, 'a')) {
    const a = attributes(tag);
    if (a.href !== undefined && (a.rel ?? '').split(/\s+/).includes(rel)) return a.href;
  }
  return null;
}

/**
 * A cookie jar as a browser keeps it for one site, reduced to what a benchmark needs: each
 * `Set-Cookie` (e.g. `response.headers.getSetCookie()`) sets or, expired, removes its cookie.
 */
export function storeCookies(jar, setCookies) {
  for (const line of setCookies) {
    const [pair, ...params] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq < 1) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = params.some((p) => {
      const [k, v = ''] = p.split('=');
      const key = k.trim().toLowerCase();
      return (key === 'max-age' && Number(v) <= 0) || (key === 'expires' && Date.parse(v) <= Date.now());
    });
    if (expired) jar.delete(name);
    else jar.set(name, value);
  }
  return jar;
}

/** The `Cookie` request header of a jar. */
export const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
