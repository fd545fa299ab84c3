import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { keyBytesProblem } from '@app/secrets';

/**
 * Field-level encryption of personal data at rest (docs/security.md).
 *
 * A value is sealed with AES-256-GCM under the key ring's current key, with a fresh 96-bit IV and
 * the caller's associated data (AAD), which names where the value lives (`complaint:<id>:phone`):
 * an envelope copied to another row or column no longer authenticates. The envelope is text:
 *
 *     v1.<keyId>.<iv b64url>.<ciphertext b64url>.<tag b64url>
 *
 * Every key of the ring decrypts (rotation: add a key in front, keep the old ones until every
 * envelope is re-encrypted). Equality lookups use a blind index: an HMAC-SHA-256 of the
 * normalised value under a key derived from FIELD_INDEX_KEY, never from the encryption keys.
 *
 * Nothing here logs; no error message carries a plaintext, an envelope or key material.
 */

export const FIELD_ENVELOPE_VERSION = 'v1';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;
const B64 = /^[A-Za-z0-9+/]+={0,2}$/;
const PURPOSE = /^[a-z0-9][a-z0-9_.:-]{0,63}$/;
const BLIND_INDEX_SALT = Buffer.from('lcs/blind-index/v1', 'utf8');

/**
 * Development and test keys: public (they are in the source), so anything they encrypt is readable
 * by anyone. Start-up refuses them when NODE_ENV=production.
 */
export const DEV_ONLY_FIELD_KEY_ID = 'dev';
export const DEV_ONLY_FIELD_ENCRYPTION_KEYS = `${DEV_ONLY_FIELD_KEY_ID}:ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZCE=`;
export const DEV_ONLY_FIELD_INDEX_KEY = 'ZGV2LW9ubHktaW5kZXgta2V5LW5vdC1mb3ItcHJvZCE=';

// ---------------------------------------------------------------------------------------------
// Errors

export type FieldDecryptionFailure = 'malformed' | 'unsupported-version' | 'unknown-key' | 'authentication-failed';

const FAILURE_TEXT: Record<FieldDecryptionFailure, string> = {
  malformed: 'not a field envelope',
  'unsupported-version': 'unsupported envelope version',
  'unknown-key': 'the key it names is not in FIELD_ENCRYPTION_KEYS',
  'authentication-failed': 'authentication failed (altered, or read with the wrong row/column or key)',
};

/**
 * A stored value could not be decrypted. Carries why, the key id the envelope names (not secret)
 * and the AAD it was read with (which row and column), never the envelope, plaintext or a key.
 */
export class FieldDecryptionError extends Error {
  constructor(
    readonly reason: FieldDecryptionFailure,
    readonly aad?: string,
    readonly keyId?: string,
  ) {
    super(`Cannot decrypt field${aad !== undefined ? ` ${aad}` : ''}: ${FAILURE_TEXT[reason]}${keyId !== undefined ? ` (key id "${keyId}")` : ''}`);
    this.name = 'FieldDecryptionError';
  }
}

/** FIELD_ENCRYPTION_KEYS or FIELD_INDEX_KEY is unusable. The message names the variable, never the key. */
export class FieldKeyConfigError extends Error {
  constructor(readonly problems: FieldKeyProblem[]) {
    super('Invalid field encryption keys:\n' + problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'FieldKeyConfigError';
  }
}

export interface FieldKeyProblem {
  variable: 'FIELD_ENCRYPTION_KEYS' | 'FIELD_INDEX_KEY';
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Keys and their configuration

export interface FieldKeySettings {
  /** Comma-separated `<id>:<base64 of 32 bytes>`; the first is current (encrypts), all decrypt. */
  FIELD_ENCRYPTION_KEYS: string;
  /** Base64 of 32 bytes: the root of the blind-index keys. */
  FIELD_INDEX_KEY: string;
  /** With `production`, the development keys, and keys that do not look random, are refused. */
  NODE_ENV?: string;
}

const GENERATE = 'generate a key with `openssl rand -base64 32`';

function decodeKey(text: string): Buffer | string {
  if (!B64.test(text)) return 'must be base64 of 32 random bytes';
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== KEY_BYTES) return `must be 32 bytes after base64 decoding, got ${bytes.length}`;
  return bytes;
}

interface ParsedKeys {
  currentKeyId: string;
  keys: Map<string, Buffer>;
}

function parseKeyList(spec: string): { parsed?: ParsedKeys; problems: string[] } {
  const problems: string[] = [];
  const keys = new Map<string, Buffer>();
  const seen = new Set<string>();
  let badKey = false;
  const entries = String(spec ?? '')
    .split(',')
    .map((e) => e.trim());
  if (entries.length === 1 && entries[0] === '') {
    return { problems: [`must list at least one <id>:<base64 key>; ${GENERATE}`] };
  }
  entries.forEach((entry, i) => {
    const n = i + 1;
    if (entry === '') return problems.push(`entry ${n} is empty (a stray comma?)`);
    const colon = entry.indexOf(':');
    if (colon < 0) return problems.push(`entry ${n} must read <id>:<base64 key>`);
    const id = entry.slice(0, colon).trim();
    const key = decodeKey(entry.slice(colon + 1).trim());
    // An id is safe to show (it is stored in every envelope); a malformed one is shown only by position.
    const goodId = KEY_ID.test(id);
    if (!goodId) problems.push(`entry ${n}: key id must be 1-32 characters of A-Z, a-z, 0-9, _ or -`);
    else if (seen.has(id)) problems.push(`entry ${n}: duplicate key id "${id}"`);
    if (typeof key === 'string') {
      badKey = true;
      problems.push(`entry ${n}${goodId ? ` ("${id}")` : ''}: key ${key}`);
    } else if (goodId && !seen.has(id)) keys.set(id, key);
    seen.add(id);
  });
  if (badKey) problems.push(GENERATE);
  if (problems.length) return { problems };
  return { parsed: { currentKeyId: entries[0].slice(0, entries[0].indexOf(':')).trim(), keys }, problems };
}

/**
 * Every problem with the settings, each naming its variable (config validation shows them all at
 * once). Empty when FieldEncryption.fromSettings would succeed.
 */
export function fieldKeyProblems(settings: FieldKeySettings): FieldKeyProblem[] {
  const problems: FieldKeyProblem[] = [];
  const { parsed, problems: keyProblems } = parseKeyList(settings.FIELD_ENCRYPTION_KEYS);
  for (const message of keyProblems) problems.push({ variable: 'FIELD_ENCRYPTION_KEYS', message });
  const index = decodeKey(String(settings.FIELD_INDEX_KEY ?? '').trim());
  if (typeof index === 'string') problems.push({ variable: 'FIELD_INDEX_KEY', message: `${index}; ${GENERATE}` });

  const devKey = decodeKey(DEV_ONLY_FIELD_ENCRYPTION_KEYS.split(':')[1]) as Buffer;
  const devIndex = decodeKey(DEV_ONLY_FIELD_INDEX_KEY) as Buffer;
  if (parsed && typeof index !== 'string' && [...parsed.keys.values()].some((k) => k.equals(index))) {
    problems.push({ variable: 'FIELD_INDEX_KEY', message: 'must differ from every FIELD_ENCRYPTION_KEYS key' });
  }
  if (settings.NODE_ENV === 'production') {
    if (parsed && [...parsed.keys.values()].some((k) => k.equals(devKey))) {
      problems.push({
        variable: 'FIELD_ENCRYPTION_KEYS',
        message: `must be set in production, without the development key (it is public): ${GENERATE} and list it as <id>:<key>`,
      });
    }
    if (typeof index !== 'string' && index.equals(devIndex)) {
      problems.push({ variable: 'FIELD_INDEX_KEY', message: `must be set in production, not to the development key (it is public): ${GENERATE}` });
    }
    // A key must be random bytes, not a passphrase, a repeated byte or a counting sequence.
    for (const [id, key] of parsed?.keys ?? []) {
      const weak = key.equals(devKey) ? null : keyBytesProblem(key);
      if (weak) problems.push({ variable: 'FIELD_ENCRYPTION_KEYS', message: `key "${id}" ${weak}: ${GENERATE}` });
    }
    const weakIndex = typeof index === 'string' || index.equals(devIndex) ? null : keyBytesProblem(index);
    if (weakIndex) problems.push({ variable: 'FIELD_INDEX_KEY', message: `${weakIndex}: ${GENERATE}` });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Helpers for callers

/**
 * The AAD for a stored field: `<record>:<id>:<field>`, e.g. fieldAad('complaint', id, 'phone').
 * Encrypt and decrypt must pass the same one; the row id must therefore be known before insert.
 */
export function fieldAad(record: string, id: string | number | bigint, field: string): string {
  const parts = [record, String(id), field];
  if (parts.some((p) => p === '' || p.includes(':') || /\s/.test(p))) {
    throw new TypeError('fieldAad: record, id and field must be non-empty, without ":" or spaces');
  }
  return parts.join(':');
}

/** Email for a blind index: Unicode NFC, trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/**
 * Phone for a blind index: digits only (full-width digits folded), so `+63 917 123 4567` and
 * `639171234567` match. It does not add country codes: `0917 123 4567` is a different value.
 */
export function normalisePhone(phone: string): string {
  return phone.normalize('NFKC').replace(/[^0-9]/g, '');
}

/** Whether a stored value has the shape of an envelope (nothing is checked cryptographically). */
export function isFieldEnvelope(value: unknown): value is string {
  return typeof value === 'string' && parseEnvelope(value) !== undefined;
}

interface Envelope {
  version: string;
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function b64url(text: string): Buffer | undefined {
  if (!B64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  // Canonical only: one stored text per byte string (no padding, no stray trailing bits).
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function parseEnvelope(text: string): Envelope | 'unsupported-version' | undefined {
  const parts = text.split('.');
  if (parts.length !== 5) return undefined;
  const [version, keyId, ivText, ctText, tagText] = parts;
  if (version !== FIELD_ENVELOPE_VERSION) return /^v\d{1,3}$/.test(version) ? 'unsupported-version' : undefined;
  if (!KEY_ID.test(keyId)) return undefined;
  const iv = b64url(ivText);
  const ciphertext = b64url(ctText);
  const tag = b64url(tagText);
  if (!iv || iv.length !== IV_BYTES || !ciphertext || !tag || tag.length !== TAG_BYTES) return undefined;
  return { version, keyId, iv, ciphertext, tag };
}

// The header is authenticated with the caller's AAD, so neither can be swapped on its own.
const boundAad = (keyId: string, aad: string) => Buffer.from(`${FIELD_ENVELOPE_VERSION}.${keyId}.${aad}`, 'utf8');

function requireAad(aad: string): void {
  if (typeof aad !== 'string' || aad === '') throw new TypeError('Field encryption needs a non-empty AAD, e.g. fieldAad("complaint", id, "phone")');
}

// ---------------------------------------------------------------------------------------------
// The service

export interface FieldEncryptionKeys {
  /** Key id -> 32-byte key. */
  keys: ReadonlyMap<string, Buffer> | Record<string, Buffer>;
  /** The id of the key that encrypts; must be in `keys`. */
  currentKeyId: string;
  /** 32 bytes, distinct from the encryption keys: the root of the blind-index keys. */
  indexKey: Buffer;
}

export class FieldEncryption {
  readonly #keys = new Map<string, Buffer>();
  readonly #currentKeyId: string;
  readonly #indexKey: Buffer;
  readonly #indexKeys = new Map<string, Buffer>();

  constructor(options: FieldEncryptionKeys) {
    const entries = options.keys instanceof Map ? [...options.keys.entries()] : Object.entries(options.keys);
    for (const [id, key] of entries) {
      if (!KEY_ID.test(id)) throw new TypeError('FieldEncryption: key ids must be 1-32 characters of A-Z, a-z, 0-9, _ or -');
      if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) throw new TypeError(`FieldEncryption: key "${id}" must be 32 bytes`);
      this.#keys.set(id, Buffer.from(key));
    }
    if (!this.#keys.has(options.currentKeyId)) throw new TypeError('FieldEncryption: the current key id is not in the key ring');
    if (!Buffer.isBuffer(options.indexKey) || options.indexKey.length !== KEY_BYTES) throw new TypeError('FieldEncryption: the index key must be 32 bytes');
    this.#currentKeyId = options.currentKeyId;
    this.#indexKey = Buffer.from(options.indexKey);
  }

  /** From FIELD_ENCRYPTION_KEYS / FIELD_INDEX_KEY (as validated config or raw environment). Throws FieldKeyConfigError. */
  static fromSettings(settings: FieldKeySettings): FieldEncryption {
    const problems = fieldKeyProblems(settings);
    if (problems.length) throw new FieldKeyConfigError(problems);
    const { parsed } = parseKeyList(settings.FIELD_ENCRYPTION_KEYS);
    return new FieldEncryption({
      keys: parsed!.keys,
      currentKeyId: parsed!.currentKeyId,
      indexKey: decodeKey(settings.FIELD_INDEX_KEY.trim()) as Buffer,
    });
  }

  /** The id of the key new envelopes are sealed with. */
  get currentKeyId(): string {
    return this.#currentKeyId;
  }

  /** Every key id that can decrypt, current first. */
  get keyIds(): string[] {
    return [this.#currentKeyId, ...[...this.#keys.keys()].filter((id) => id !== this.#currentKeyId)];
  }

  /** Seals `plaintext` (UTF-8) under the current key, bound to `aad`. Never the same output twice. */
  encrypt(plaintext: string, aad: string): string {
    if (typeof plaintext !== 'string') throw new TypeError('FieldEncryption.encrypt takes a string');
    requireAad(aad);
    const keyId = this.#currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.get(keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(boundAad(keyId, aad));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FIELD_ENVELOPE_VERSION, keyId, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
  }

  /** Opens an envelope sealed with `aad`, under whichever ring key it names. Throws FieldDecryptionError. */
  decrypt(envelope: string, aad: string): string {
    requireAad(aad);
    const parsed = typeof envelope === 'string' ? parseEnvelope(envelope) : undefined;
    if (parsed === undefined) throw new FieldDecryptionError('malformed', aad);
    if (parsed === 'unsupported-version') throw new FieldDecryptionError('unsupported-version', aad);
    const key = this.#keys.get(parsed.keyId);
    if (!key) throw new FieldDecryptionError('unknown-key', aad, parsed.keyId);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, parsed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(boundAad(parsed.keyId, aad));
      decipher.setAuthTag(parsed.tag);
      return Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // Node's own error says nothing secret, but it is not kept: the reason is all a caller needs.
      throw new FieldDecryptionError('authentication-failed', aad, parsed.keyId);
    }
  }

  /** Whether an envelope was sealed with a key other than the current one. Throws FieldDecryptionError if it is no envelope. */
  needsRotation(envelope: string): boolean {
    const parsed = typeof envelope === 'string' ? parseEnvelope(envelope) : undefined;
    if (parsed === undefined) throw new FieldDecryptionError('malformed');
    if (parsed === 'unsupported-version') return true;
    return parsed.keyId !== this.#currentKeyId;
  }

  /** Decrypts and seals again under the current key (what a rotation job does per value); unchanged if already current. */
  reencrypt(envelope: string, aad: string): string {
    const plaintext = this.decrypt(envelope, aad);
    return this.needsRotation(envelope) ? this.encrypt(plaintext, aad) : envelope;
  }

  /**
   * A deterministic, keyed digest of `value` for equality lookups without decrypting: HMAC-SHA-256
   * under a key derived (HKDF-SHA-256) from FIELD_INDEX_KEY for this `purpose` (e.g.
   * `complainant.phone`), base64url (43 characters). Unicode NFC and trimmed; normalise further
   * with normaliseEmail/normalisePhone, the same way on write and on lookup. Independent of the
   * encryption keys, so it survives their rotation.
   */
  blindIndex(value: string, purpose: string): string {
    if (typeof value !== 'string') throw new TypeError('FieldEncryption.blindIndex takes a string');
    if (!PURPOSE.test(purpose)) throw new TypeError('FieldEncryption.blindIndex: purpose must be 1-64 characters of a-z, 0-9, _ . : -');
    const normalised = value.normalize('NFC').trim();
    if (normalised === '') throw new TypeError('FieldEncryption.blindIndex: nothing to index (empty after normalisation)');
    return createHmac('sha256', this.#indexKeyFor(purpose)).update(normalised, 'utf8').digest('base64url');
  }

  #indexKeyFor(purpose: string): Buffer {
    let key = this.#indexKeys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.#indexKey, BLIND_INDEX_SALT, `blind-index:${purpose}`, KEY_BYTES));
      this.#indexKeys.set(purpose, key);
    }
    return key;
  }

  /** Logged or serialised by mistake, it shows key ids only. */
  toJSON(): { currentKeyId: string; keyIds: string[] } {
    return { currentKeyId: this.currentKeyId, keyIds: this.keyIds };
  }

  [inspect.custom](): string {
    return `FieldEncryption { currentKeyId: '${this.currentKeyId}', keyIds: [${this.keyIds.map((k) => `'${k}'`).join(', ')}] }`;
  }
}
