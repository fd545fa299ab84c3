import { randomBytes } from 'node:crypto';
import { DEV_ONLY_JWT_SECRET } from '@app/common/config/config.schema';
import { estimateSecretBits, keyBytesProblem, secretProblem } from './secret-strength';

describe('secretProblem (text secrets in production)', () => {
  it.each([
    ['openssl rand -base64 48', () => randomBytes(48).toString('base64')],
    ['openssl rand -base64 32', () => randomBytes(32).toString('base64')],
    ['openssl rand -hex 32', () => randomBytes(32).toString('hex')],
    ['base64url of 32 bytes', () => randomBytes(32).toString('base64url')],
  ])('accepts a random secret made like %s (200 draws)', (_, make) => {
    for (let i = 0; i < 200; i++) {
      const secret = make();
      expect([secret.length, secretProblem(secret)]).toEqual([secret.length, null]);
    }
  });

  it.each([
    ['32 times the same character', 'a'.repeat(32), /too few distinct characters \(1/],
    ['a short block repeated', 'Xy7!Q'.repeat(8), /too few distinct characters \(5/],
    ['a long block repeated', 'aB3$dE6^gH9*jK2'.repeat(3), /too predictable/],
    ['the alphabet and digits in order', 'abcdefghijklmnopqrstuvwxyz0123456789', /too predictable/],
    ['a keyboard walk', 'qwertyuiopasdfghjklzxcvbnm1234567890', /placeholder/],
    ['a placeholder', 'please-change-me-to-something-long', /placeholder .*"change-me"/],
    ['a made-up sentence', 'my super secret jwt key for the api', /placeholder .*"secret"/],
    ['the development default', DEV_ONLY_JWT_SECRET, /placeholder/],
    ['16 random bytes in hex', '0f1e2d3c4b5a69788796a5b4c3d2e1f0', /too predictable|too few/],
    ['too short', 'k9#Lm2$Qx', /too short \(9 characters; at least 32\)/],
  ])('refuses %s', (_, secret, reason) => {
    const problem = secretProblem(secret);
    expect(problem).toMatch(reason);
    expect(problem).not.toContain(secret);
  });

  it('refuses a published value whatever it looks like', () => {
    const published = randomBytes(48).toString('base64');
    expect(secretProblem(published, { publicValues: [published] })).toBe('is a published development value');
  });

  it('estimates randomness on the low side', () => {
    expect(estimateSecretBits('')).toBe(0);
    expect(estimateSecretBits('a'.repeat(64))).toBe(0);
    expect(estimateSecretBits('ab'.repeat(32))).toBeLessThan(3);
    expect(estimateSecretBits(randomBytes(48).toString('base64'))).toBeGreaterThan(250);
    expect(estimateSecretBits(randomBytes(48).toString('base64'))).toBeLessThanOrEqual(64 * 6);
  });
});

describe('keyBytesProblem (base64 keys in production)', () => {
  it('accepts random bytes (1,000 draws)', () => {
    for (let i = 0; i < 1000; i++) expect(keyBytesProblem(randomBytes(32))).toBeNull();
  });

  it.each([
    ['32 zero bytes', Buffer.alloc(32)],
    ['one byte repeated', Buffer.alloc(32, 0xa7)],
    ['a short block repeated', Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0x91, 0x02, 0xf3, 0x44])))],
  ])('refuses %s', (_, bytes) => {
    expect(keyBytesProblem(bytes)).toMatch(/too few distinct bytes/);
  });

  it('refuses a base64-encoded passphrase', () => {
    expect(keyBytesProblem(Buffer.from('correct horse battery staple 123', 'utf8'))).toBe('decodes to text, not random bytes');
  });

  it('refuses a counting sequence', () => {
    expect(keyBytesProblem(Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 7 + 200) % 256)))).toBe('decodes to a regular pattern, not random bytes');
  });
});
