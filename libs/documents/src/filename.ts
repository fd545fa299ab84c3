/**
 * The client's file name is kept only to be offered back as the download's name. It never
 * reaches the file system (storage keys are server-generated), so sanitising here is about
 * what a browser or an operating system does with it when it is saved: no path, no control or
 * invisible direction characters, no characters Windows refuses, a sane length.
 */

const MAX_NAME_CODE_POINTS = 150;
const FALLBACK_STEM = 'document';

// C0/C1 controls and DEL; format characters (bidi overrides that make "gpj.exe" read "exe.jpg",
// zero-width joiners, BOM); line and paragraph separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
// Refused in Windows file names (the path separators were handled before).
const WINDOWS_RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** Splits `name.ext` into stem and lower-case extension (`''` when there is none). */
export function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension: name.slice(dot + 1).toLowerCase() };
}

/**
 * A file name safe to offer in Content-Disposition: the last path segment only (`../../etc/passwd`
 * becomes `passwd`), Unicode NFC, no control/format characters, no leading dots, whitespace
 * collapsed, at most 150 code points (the extension kept). Empty results become `document`.
 */
export function sanitiseFilename(raw: string | null | undefined): string {
  let name = String(raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .replace(/\s+/gu, ' ')
    .replace(INVISIBLE, '')
    .replace(WINDOWS_RESERVED, '_')
    .trim()
    .replace(/^[.\s]+/u, '')
    .replace(/[.\s]+$/u, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  const chars = Array.from(name);
  if (chars.length > MAX_NAME_CODE_POINTS) {
    const { stem, extension } = splitExtension(name);
    const keep = extension && extension.length <= 10 ? `.${extension}` : '';
    name =
      Array.from(stem)
        .slice(0, MAX_NAME_CODE_POINTS - keep.length)
        .join('')
        .trimEnd() + keep;
  }
  return name || FALLBACK_STEM;
}

/**
 * The name to store for a file whose content is of `extensions[0]`'s type: the sanitised name,
 * with the canonical extension appended when the name has none of the type's extensions.
 */
export function nameWithExtension(sanitised: string, extensions: readonly string[]): string {
  const { extension } = splitExtension(sanitised);
  return extensions.includes(extension) ? sanitised : `${sanitised}.${extensions[0]}`;
}

/** RFC 5987 `value-chars`: UTF-8, percent-encoding everything but attr-char. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition: attachment` per RFC 6266: a plain-ASCII `filename` for old clients
 * (non-ASCII, quotes, backslashes and `%` replaced) and the exact name as `filename*` (RFC 5987,
 * UTF-8), which every current browser prefers.
 */
export function contentDisposition(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const name = sanitiseFilename(filename);
  let fallback = name.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\%]/g, '_');
  const { stem, extension } = splitExtension(fallback);
  if (!/[A-Za-z0-9]/.test(stem)) fallback = extension ? `${FALLBACK_STEM}.${extension}` : FALLBACK_STEM;
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
