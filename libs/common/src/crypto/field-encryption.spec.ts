import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ConfigModule, ConfigValidationError, loadConfig } from '../config';
import { CryptoModule } from './crypto.module';
import {
  DEV_ONLY_FIELD_ENCRYPTION_KEYS,
  DEV_ONLY_FIELD_INDEX_KEY,
  FieldDecryptionError,
  FieldEncryption,
  FieldKeyConfigError,
  fieldAad,
  fieldKeyProblems,
  isFieldEnvelope,
  normaliseEmail,
  normalisePhone,
} from './field-encryption';

const key = () => randomBytes(32);
const K1 = key();
const K2 = key();
const INDEX = key();
const ring = (keys: Record<string, Buffer>, currentKeyId: string, indexKey = INDEX) => new FieldEncryption({ keys, currentKeyId, indexKey });

const PHONE = '+63 917 123 4567';
const AAD = fieldAad('complaint', '0b6c2a4e-7d1f-4b1e-9a59-3c2f0e8d1a77', 'phone');

/** Runs `fn`, expects a FieldDecryptionError, and returns it. */
function decryptionError(fn: () => unknown): FieldDecryptionError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FieldDecryptionError);
    return e as FieldDecryptionError;
  }
  throw new Error('expected a FieldDecryptionError');
}

/** The message and everything enumerable on the error, as one string to search. */
const everythingIn = (e: Error) => `${e.message} ${e.stack} ${JSON.stringify(e)} ${inspect(e)}`;

/** Flips one bit of part `index` (1-based: 2 iv, 3 ciphertext, 4 tag) of an envelope. */
function tamper(envelope: string, index: 2 | 3 | 4): string {
  const parts = envelope.split('.');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('FieldEncryption', () => {
  const enc = ring({ k1: K1 }, 'k1');

  it('round-trips unicode text, and the empty string', () => {
    for (const text of [PHONE, 'María José Dela Cruz', 'श्याम बहादुर थापा', '王小明 👩🏽‍🌾', '']) {
      expect(enc.decrypt(enc.encrypt(text, AAD), AAD)).toBe(text);
    }
  });

  it('writes the envelope v1.<keyId>.<iv>.<ciphertext>.<tag>, with a 96-bit IV and a 128-bit tag', () => {
    const envelope = enc.encrypt(PHONE, AAD);
    expect(envelope).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(envelope).not.toContain(PHONE);
    expect(isFieldEnvelope(envelope)).toBe(true);
    expect(isFieldEnvelope(PHONE)).toBe(false);
  });

  it('encrypts the same plaintext differently each time (fresh IV)', () => {
    const seen = new Set(Array.from({ length: 50 }, () => enc.encrypt(PHONE, AAD)));
    expect(seen.size).toBe(50);
    const ivs = new Set([...seen].map((e) => e.split('.')[2]));
    expect(ivs.size).toBe(50);
  });

  it('refuses an envelope read with another AAD (copied to another row or column)', () => {
    const envelope = enc.encrypt(PHONE, AAD);
    const otherRow = fieldAad('complaint', '9f1e0d2c-0000-4000-8000-000000000000', 'phone');
    const otherColumn = fieldAad('complaint', '0b6c2a4e-7d1f-4b1e-9a59-3c2f0e8d1a77', 'email');
    for (const aad of [otherRow, otherColumn]) {
      const e = decryptionError(() => enc.decrypt(envelope, aad));
      expect(e.reason).toBe('authentication-failed');
      expect(e.aad).toBe(aad);
      expect(e.keyId).toBe('k1');
    }
  });

  it.each([
    ['IV', 2],
    ['ciphertext', 3],
    ['tag', 4],
  ] as const)('refuses an envelope whose %s (part %s) was altered', (_, index) => {
    const envelope = enc.encrypt(PHONE, AAD);
    const altered = tamper(envelope, index);
    expect(altered).not.toBe(envelope);
    expect(decryptionError(() => enc.decrypt(altered, AAD)).reason).toBe('authentication-failed');
  });

  it('refuses an envelope whose key id was changed to another key of the ring', () => {
    const both = ring({ k1: K1, k2: K2 }, 'k1');
    const moved = both.encrypt(PHONE, AAD).replace(/^v1\.k1\./, 'v1.k2.');
    expect(decryptionError(() => both.decrypt(moved, AAD)).reason).toBe('authentication-failed');
  });

  it.each([
    ['plain text (a value never encrypted)', PHONE],
    ['too few parts', 'v1.k1.AAAAAAAAAAAAAAAA.AAAA'],
    ['a short tag', 'v1.k1.AAAAAAAAAAAAAAAA.AAAA.AAAA'],
    ['a short IV', 'v1.k1.AAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['padding', 'v1.k1.AAAAAAAAAAAAAAAA.AAAA==.AAAAAAAAAAAAAAAAAAAAAA'],
    ['a bad key id', 'v1.k.1.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA'],
  ])('calls %s malformed', (_, text) => {
    expect(decryptionError(() => enc.decrypt(text, AAD)).reason).toBe('malformed');
    expect(isFieldEnvelope(text)).toBe(false);
  });

  it('names an unsupported version', () => {
    const v2 = enc.encrypt(PHONE, AAD).replace(/^v1\./, 'v2.');
    expect(decryptionError(() => enc.decrypt(v2, AAD)).reason).toBe('unsupported-version');
  });

  it('fails with FieldDecryptionError (unknown-key) on a key id not in the ring', () => {
    const envelope = ring({ gone: K2 }, 'gone').encrypt(PHONE, AAD);
    const e = decryptionError(() => enc.decrypt(envelope, AAD));
    expect(e.reason).toBe('unknown-key');
    expect(e.keyId).toBe('gone');
    expect(e.message).toMatch(/key id "gone"/);
  });

  it('never puts the plaintext, the envelope or a key in an error', () => {
    const secret = 'Juana Santos, passport P1234567A';
    const envelope = enc.encrypt(secret, AAD);
    const errors = [
      decryptionError(() => enc.decrypt(envelope, 'complaint:other:phone')),
      decryptionError(() => enc.decrypt(tamper(envelope, 3), AAD)),
      decryptionError(() => enc.decrypt(tamper(envelope, 4), AAD)),
      decryptionError(() => ring({ k9: K2 }, 'k9').decrypt(envelope, AAD)),
      decryptionError(() => enc.decrypt(secret, AAD)), // a plaintext passed where an envelope belongs
      decryptionError(() => enc.needsRotation(secret)),
    ];
    for (const e of errors) {
      const text = everythingIn(e);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('P1234567A');
      expect(text).not.toContain(envelope);
      expect(text).not.toContain(envelope.split('.')[3]);
      for (const k of [K1, K2, INDEX]) {
        expect(text).not.toContain(k.toString('base64'));
        expect(text).not.toContain(k.toString('hex'));
      }
    }
  });

  it('shows key ids, never keys, when logged or serialised', () => {
    const text = `${inspect(enc)} ${JSON.stringify(enc)} ${inspect({ service: enc }, { depth: 5, showHidden: true })}`;
    expect(text).toContain('k1');
    for (const k of [K1, INDEX]) {
      expect(text).not.toContain(k.toString('base64'));
      expect(text).not.toContain(k.toString('hex'));
      expect(text).not.toMatch(new RegExp(k.subarray(0, 4).toString('hex').match(/../g)!.join(' ')));
    }
  });

  it('requires an AAD', () => {
    expect(() => enc.encrypt(PHONE, '')).toThrow(TypeError);
    expect(() => enc.decrypt(enc.encrypt(PHONE, AAD), '')).toThrow(TypeError);
  });

  describe('rotation', () => {
    const before = ring({ k1: K1 }, 'k1');
    const after = ring({ k2: K2, k1: K1 }, 'k2'); // k2 added in front, k1 kept for decryption

    it('decrypts envelopes of the old key with the new ring and encrypts with the new key', () => {
      const old = before.encrypt(PHONE, AAD);
      expect(after.decrypt(old, AAD)).toBe(PHONE);
      const fresh = after.encrypt(PHONE, AAD);
      expect(fresh.split('.')[1]).toBe('k2');
      expect(after.decrypt(fresh, AAD)).toBe(PHONE);
      expect(decryptionError(() => before.decrypt(fresh, AAD)).reason).toBe('unknown-key');
    });

    it('tells which envelopes need re-encrypting, and re-encrypts them under the current key', () => {
      const old = before.encrypt(PHONE, AAD);
      expect(before.needsRotation(old)).toBe(false);
      expect(after.needsRotation(old)).toBe(true);
      const rotated = after.reencrypt(old, AAD);
      expect(after.needsRotation(rotated)).toBe(false);
      expect(rotated.split('.')[1]).toBe('k2');
      expect(ring({ k2: K2 }, 'k2').decrypt(rotated, AAD)).toBe(PHONE); // k1 can now be dropped
      expect(after.reencrypt(rotated, AAD)).toBe(rotated);
    });

    it('lists key ids current first', () => {
      expect(after.currentKeyId).toBe('k2');
      expect(after.keyIds).toEqual(['k2', 'k1']);
    });
  });

  describe('blind index', () => {
    const PURPOSE = 'complainant.phone';

    it('is stable across calls, instances and rotation of the encryption keys', () => {
      const a = ring({ k1: K1 }, 'k1').blindIndex('639171234567', PURPOSE);
      expect(ring({ k1: K1 }, 'k1').blindIndex('639171234567', PURPOSE)).toBe(a);
      expect(ring({ k2: K2, k1: K1 }, 'k2').blindIndex('639171234567', PURPOSE)).toBe(a);
      expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(a).not.toContain('639171234567');
    });

    it('differs by purpose, by value and by index key', () => {
      const a = enc.blindIndex('639171234567', PURPOSE);
      expect(enc.blindIndex('639171234567', 'welfare-claim.bank-account')).not.toBe(a);
      expect(enc.blindIndex('639171234568', PURPOSE)).not.toBe(a);
      expect(ring({ k1: K1 }, 'k1', key()).blindIndex('639171234567', PURPOSE)).not.toBe(a);
    });

    it('matches phones written differently once normalised', () => {
      expect(normalisePhone('+63 917 123 4567')).toBe('639171234567');
      expect(normalisePhone('(+63) 917-123-4567')).toBe('639171234567');
      expect(normalisePhone('６３９１７１２３４５６７')).toBe('639171234567'); // full-width digits
      expect(enc.blindIndex(normalisePhone('+63 917 123 4567'), PURPOSE)).toBe(enc.blindIndex(normalisePhone('639171234567'), PURPOSE));
    });

    it('matches emails regardless of case and surrounding spaces once normalised', () => {
      expect(normaliseEmail('  Juana.Santos@Example.PH ')).toBe('juana.santos@example.ph');
      expect(enc.blindIndex(normaliseEmail('Juana.Santos@Example.PH'), 'complainant.email')).toBe(
        enc.blindIndex(normaliseEmail(' juana.santos@example.ph'), 'complainant.email'),
      );
    });

    it('trims on its own, and refuses empty values and odd purposes', () => {
      expect(enc.blindIndex('  abc ', 'x')).toBe(enc.blindIndex('abc', 'x'));
      expect(() => enc.blindIndex('   ', PURPOSE)).toThrow(TypeError);
      expect(() => enc.blindIndex(normalisePhone('n/a'), PURPOSE)).toThrow(TypeError);
      expect(() => enc.blindIndex('abc', '')).toThrow(TypeError);
      expect(() => enc.blindIndex('abc', 'Has Spaces')).toThrow(TypeError);
    });
  });

  describe('fieldAad', () => {
    it('joins record, id and field, refusing separators', () => {
      expect(fieldAad('welfare_claim', 42, 'bank_account')).toBe('welfare_claim:42:bank_account');
      expect(() => fieldAad('complaint', 'a:b', 'phone')).toThrow(TypeError);
      expect(() => fieldAad('complaint', '', 'phone')).toThrow(TypeError);
    });
  });
});

describe('FIELD_ENCRYPTION_KEYS and FIELD_INDEX_KEY', () => {
  const b64 = (k: Buffer) => k.toString('base64');
  const PROD = { NODE_ENV: 'production', AUTH_JWT_SECRET: randomBytes(48).toString('base64') };

  it('default to the development keys, which work', () => {
    const config = loadConfig({});
    expect(config.crypto.FIELD_ENCRYPTION_KEYS).toBe(DEV_ONLY_FIELD_ENCRYPTION_KEYS);
    expect(config.crypto.FIELD_INDEX_KEY).toBe(DEV_ONLY_FIELD_INDEX_KEY);
    const enc = FieldEncryption.fromSettings(config.crypto);
    expect(enc.currentKeyId).toBe('dev');
    expect(enc.decrypt(enc.encrypt(PHONE, AAD), AAD)).toBe(PHONE);
  });

  it('read a ring whose first entry is current, spaces allowed', () => {
    const config = loadConfig({ FIELD_ENCRYPTION_KEYS: ` 2026-02:${b64(K2)} , 2025-01:${b64(K1)}`, FIELD_INDEX_KEY: b64(INDEX) });
    const enc = FieldEncryption.fromSettings(config.crypto);
    expect(enc.keyIds).toEqual(['2026-02', '2025-01']);
    const old = ring({ '2025-01': K1 }, '2025-01').encrypt(PHONE, AAD);
    expect(enc.decrypt(old, AAD)).toBe(PHONE);
    expect(enc.blindIndex('639171234567', 'p')).toBe(ring({ k1: K1 }, 'k1').blindIndex('639171234567', 'p'));
  });

  it.each([
    ['a bad key id', `bad.id:${b64(K1)}`, /FIELD_ENCRYPTION_KEYS: entry 1: key id must be/],
    ['a key that is not 32 bytes', `k1:${b64(randomBytes(16))}`, /FIELD_ENCRYPTION_KEYS: entry 1 \("k1"\): key must be 32 bytes after base64 decoding, got 16/],
    ['a key that is not base64', 'k1:not base64!', /FIELD_ENCRYPTION_KEYS: entry 1 \("k1"\): key must be base64/],
    ['a duplicate key id', `k1:${b64(K1)},k1:${b64(K2)}`, /FIELD_ENCRYPTION_KEYS: entry 2: duplicate key id "k1"/],
    ['an entry without an id', b64(K1), /FIELD_ENCRYPTION_KEYS: entry 1 must read <id>:<base64 key>/],
    ['a stray comma', `k1:${b64(K1)},`, /FIELD_ENCRYPTION_KEYS: entry 2 is empty/],
  ])('refuse %s, naming the variable and never echoing the key', (_, value, message) => {
    expect(() => loadConfig({ FIELD_ENCRYPTION_KEYS: value })).toThrow(ConfigValidationError);
    expect(() => loadConfig({ FIELD_ENCRYPTION_KEYS: value })).toThrow(message);
    try {
      loadConfig({ FIELD_ENCRYPTION_KEYS: value });
    } catch (e) {
      const text = (e as Error).message;
      for (const entry of value.split(',')) {
        const material = entry.slice(entry.indexOf(':') + 1);
        if (material.length > 8) expect(text).not.toContain(material);
      }
    }
  });

  it('refuse a bad FIELD_INDEX_KEY, or one equal to an encryption key', () => {
    expect(() => loadConfig({ FIELD_INDEX_KEY: b64(randomBytes(31)) })).toThrow(/FIELD_INDEX_KEY: must be 32 bytes after base64 decoding, got 31/);
    expect(() => loadConfig({ FIELD_ENCRYPTION_KEYS: `k1:${b64(K1)}`, FIELD_INDEX_KEY: b64(K1) })).toThrow(
      /FIELD_INDEX_KEY: must differ from every FIELD_ENCRYPTION_KEYS key/,
    );
  });

  it('refuse the development keys in production, naming each variable', () => {
    expect(() => loadConfig(PROD)).toThrow(/FIELD_ENCRYPTION_KEYS: must be set in production/);
    expect(() => loadConfig(PROD)).toThrow(/FIELD_INDEX_KEY: must be set in production/);
    // Kept as an old key beside a real one, the development key is still refused.
    expect(() => loadConfig({ ...PROD, FIELD_ENCRYPTION_KEYS: `k1:${b64(K1)},${DEV_ONLY_FIELD_ENCRYPTION_KEYS}`, FIELD_INDEX_KEY: b64(INDEX) })).toThrow(
      /FIELD_ENCRYPTION_KEYS: must be set in production/,
    );
    const config = loadConfig({ ...PROD, FIELD_ENCRYPTION_KEYS: `k1:${b64(K1)}`, FIELD_INDEX_KEY: b64(INDEX) });
    expect(FieldEncryption.fromSettings(config.crypto).currentKeyId).toBe('k1');
  });

  it.each([
    ['32 zero bytes', Buffer.alloc(32), /decodes to too few distinct bytes/],
    ['a passphrase', Buffer.from('correct horse battery staple 123'), /decodes to text, not random bytes/],
    ['a counting sequence', Buffer.from(Array.from({ length: 32 }, (_, i) => i)), /decodes to a regular pattern/],
  ])('refuse a key that is not random bytes in production (%s), naming the variable and the key id', (_, weak, reason) => {
    const asKey = () => loadConfig({ ...PROD, FIELD_ENCRYPTION_KEYS: `k2:${b64(K1)},old:${b64(weak)}`, FIELD_INDEX_KEY: b64(INDEX) });
    expect(asKey).toThrow(new RegExp(`FIELD_ENCRYPTION_KEYS: key "old" ${reason.source}`));
    expect(() => loadConfig({ ...PROD, FIELD_ENCRYPTION_KEYS: `k1:${b64(K1)}`, FIELD_INDEX_KEY: b64(weak) })).toThrow(
      new RegExp(`FIELD_INDEX_KEY: ${reason.source}`),
    );
    try {
      asKey();
    } catch (e) {
      expect((e as Error).message).not.toContain(b64(weak));
    }
    // Development and tests may use any 32 bytes.
    expect(() => loadConfig({ FIELD_ENCRYPTION_KEYS: `k1:${b64(weak)}`, FIELD_INDEX_KEY: b64(INDEX) })).not.toThrow();
  });

  it('are allowed to be the development ones in development and test', () => {
    expect(() => loadConfig({ NODE_ENV: 'test' })).not.toThrow();
    expect(
      fieldKeyProblems({ NODE_ENV: 'development', FIELD_ENCRYPTION_KEYS: DEV_ONLY_FIELD_ENCRYPTION_KEYS, FIELD_INDEX_KEY: DEV_ONLY_FIELD_INDEX_KEY }),
    ).toEqual([]);
  });

  it('make FieldEncryption.fromSettings throw FieldKeyConfigError naming the variable', () => {
    expect(() => FieldEncryption.fromSettings({ FIELD_ENCRYPTION_KEYS: '', FIELD_INDEX_KEY: b64(INDEX) })).toThrow(FieldKeyConfigError);
    expect(() => FieldEncryption.fromSettings({ FIELD_ENCRYPTION_KEYS: '', FIELD_INDEX_KEY: b64(INDEX) })).toThrow(
      /FIELD_ENCRYPTION_KEYS: must list at least one/,
    );
  });
});

describe('CryptoModule', () => {
  it('provides FieldEncryption built from the configuration', async () => {
    const config = loadConfig({ FIELD_ENCRYPTION_KEYS: `k7:${K1.toString('base64')}`, FIELD_INDEX_KEY: INDEX.toString('base64') });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), CryptoModule] }).compile();
    const enc = moduleRef.get(FieldEncryption);
    expect(enc.currentKeyId).toBe('k7');
    expect(ring({ k7: K1 }, 'k7').decrypt(enc.encrypt(PHONE, AAD), AAD)).toBe(PHONE);
    await moduleRef.close();
  });
});
