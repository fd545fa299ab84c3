/**
 * Whether a secret or key read from the environment is fit for production: long enough, not a
 * published or placeholder value, and random-looking. Used at start-up by the API and worker
 * (AUTH_JWT_SECRET, FIELD_ENCRYPTION_KEYS, FIELD_INDEX_KEY) and by the web process
 * (WEB_SESSION_SECRET), which imports this file alone (no Node or library imports here).
 *
 * The entropy figure is an estimate from the text itself, deliberately on the low side: a string
 * that repeats a block counts once, a character continuing a run (`aaa`, `abc`, `975`) counts
 * nothing, and each remaining character counts the Shannon entropy of the secret's own character
 * frequencies (bias-corrected, and capped by the alphabet of the character classes it uses). `openssl rand -base64 48` (64 characters) estimates at about 320 bits and
 * `openssl rand -hex 32` at about 220; 32 `a`s at 0. No message ever contains the secret.
 */

/** Fewest characters of a text secret (HMAC keys, cookie signing). */
export const SECRET_MIN_LENGTH = 32;
/** Fewest estimated bits of a text secret. */
export const SECRET_MIN_BITS = 128;
/** Fewest distinct characters of a text secret. */
export const SECRET_MIN_DISTINCT = 10;

/**
 * Words that mark a value as a placeholder or a made-up one, compared case-insensitively. Six or
 * more letters each, so a random secret contains one by chance about once in tens of millions.
 */
const PLACEHOLDER_WORDS = [
  'secret',
  'password',
  'passwd',
  'changeme',
  'change-me',
  'change_me',
  'insecure',
  'example',
  'placeholder',
  'replace',
  'default',
  'dev-only',
  'never-use',
  'your-own',
  'letmein',
  'qwerty',
  'openssl',
];

/** The smallest p such that the sequence is a block of p items repeated (the last copy may be cut short). */
function smallestPeriod<T>(items: readonly T[]): number {
  for (let p = 1; p < items.length; p++) {
    let periodic = true;
    for (let i = p; i < items.length && periodic; i++) periodic = items[i] === items[i - p];
    if (periodic) return p;
  }
  return items.length;
}

/**
 * Bits per character: the Shannon entropy of the characters' own frequencies, with the
 * Miller-Madow correction (a short sample under-counts its alphabet), but never more than the
 * alphabet of the character classes present allows (16 for hex, 64 for base64, ...).
 */
function bitsPerCharacter(chars: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    bits -= p * Math.log2(p);
  }
  const corrected = bits + (counts.size - 1) / (2 * chars.length * Math.LN2);
  return Math.min(corrected, Math.log2(alphabetSize(chars)));
}

/** The size of the alphabet the characters seem drawn from, by the classes present. */
function alphabetSize(chars: readonly string[]): number {
  const hex = chars.every((c) => /[0-9a-f]/.test(c)) || chars.every((c) => /[0-9A-F]/.test(c));
  if (hex) return 16;
  let size = 0;
  if (chars.some((c) => /[a-z]/.test(c))) size += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) size += 26;
  if (chars.some((c) => /[0-9]/.test(c))) size += 10;
  if (chars.some((c) => /[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(c))) size += 33;
  if (chars.some((c) => c > '\x7e')) size += 128;
  return size;
}

/** Items that do not simply continue a run: the same step between codes as the previous pair (0 for a repeat). */
function unpredictableCount(codes: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < codes.length; i++) {
    if (i >= 2 && codes[i] - codes[i - 1] === codes[i - 1] - codes[i - 2]) continue;
    n++;
  }
  return n;
}

/** An estimate, on the low side, of the bits of randomness in a text secret. */
export function estimateSecretBits(secret: string): number {
  const chars = [...secret];
  if (!chars.length) return 0;
  const block = chars.slice(0, smallestPeriod(chars));
  const codes = block.map((c) => c.codePointAt(0)!);
  return unpredictableCount(codes) * bitsPerCharacter(chars);
}

export interface SecretCheckOptions {
  /** Values that are public (development defaults, documented examples): refused whatever their strength. */
  publicValues?: readonly string[];
}

/**
 * Why a text secret is unfit for production, or null when it is fit. The reason is for an
 * operator and never repeats the value.
 */
export function secretProblem(secret: string, options: SecretCheckOptions = {}): string | null {
  const value = String(secret ?? '');
  if (options.publicValues?.includes(value)) return 'is a published development value';
  const length = [...value].length;
  if (length < SECRET_MIN_LENGTH) return `is too short (${length} characters; at least ${SECRET_MIN_LENGTH})`;
  const lower = value.toLowerCase();
  const word = PLACEHOLDER_WORDS.find((w) => lower.includes(w));
  if (word) return `looks like a placeholder or a made-up value (it contains "${word}")`;
  const distinct = new Set(value).size;
  if (distinct < SECRET_MIN_DISTINCT) return `uses too few distinct characters (${distinct}; at least ${SECRET_MIN_DISTINCT})`;
  const bits = Math.floor(estimateSecretBits(value));
  if (bits < SECRET_MIN_BITS) return `is too predictable (about ${bits} bits of randomness estimated; at least ${SECRET_MIN_BITS})`;
  return null;
}

/** Fewest distinct byte values among a 32-byte key (random keys have about 30). */
const KEY_MIN_DISTINCT_BYTES = 20;
/** Fewest distinct steps between consecutive bytes (random keys have about 29 of 31). */
const KEY_MIN_DISTINCT_STEPS = 16;

/**
 * Why decoded key bytes do not look random, or null when they do: text (every byte printable
 * ASCII, as when a passphrase was base64-encoded), too few distinct bytes (a repeated byte or
 * block), or a regular pattern (a counting sequence). Never repeats the key.
 */
export function keyBytesProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'is empty';
  if (bytes.every((b) => b >= 0x20 && b <= 0x7e)) return 'decodes to text, not random bytes';
  const distinct = new Set(bytes).size;
  const wanted = Math.min(KEY_MIN_DISTINCT_BYTES, Math.ceil(bytes.length * 0.6));
  if (distinct < wanted) return `decodes to too few distinct bytes (${distinct} of ${bytes.length}), not random bytes`;
  const steps = new Set<number>();
  for (let i = 1; i < bytes.length; i++) steps.add((bytes[i] - bytes[i - 1] + 256) % 256);
  const wantedSteps = Math.min(KEY_MIN_DISTINCT_STEPS, Math.ceil((bytes.length - 1) * 0.5));
  if (steps.size < wantedSteps) return 'decodes to a regular pattern, not random bytes';
  return null;
}
