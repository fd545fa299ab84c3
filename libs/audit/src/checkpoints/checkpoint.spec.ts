import { generateKeyPairSync } from 'node:crypto';
import { AuditCheckpoint, readCheckpointLine, signCheckpoint } from './checkpoint';
import { CheckpointKeyError, generateCheckpointKeys, loadCheckpointPublicKey, loadCheckpointSigningKey } from './checkpoint-keys';

const checkpoint: AuditCheckpoint = { v: 1, chain: 'main', seq: '18342', hash: 'a'.repeat(64), at: '2026-12-05T06:00:00.000Z' };

describe('audit checkpoints', () => {
  const keys = generateCheckpointKeys();
  const signing = loadCheckpointSigningKey(keys.signingKey);
  const verifying = loadCheckpointPublicKey(keys.publicKey);

  it('reads back what it signed', () => {
    expect(readCheckpointLine(signCheckpoint(checkpoint, signing), verifying)).toEqual(checkpoint);
  });

  it.each([
    ['seq', { seq: '18343' }],
    ['hash', { hash: 'b'.repeat(64) }],
    ['chain', { chain: 'complaints' }],
    ['at', { at: '2026-12-06T06:00:00.000Z' }],
  ])('refuses a line whose %s was changed after signing', (_field, change) => {
    const line = JSON.parse(signCheckpoint(checkpoint, signing)) as Record<string, unknown>;
    expect(readCheckpointLine(JSON.stringify({ ...line, ...change }), verifying)).toBe('bad-signature');
  });

  it('refuses a line signed with another key', () => {
    const other = loadCheckpointSigningKey(generateCheckpointKeys().signingKey);
    expect(readCheckpointLine(signCheckpoint(checkpoint, other), verifying)).toBe('bad-signature');
  });

  it.each(['not json', '{}', JSON.stringify({ ...checkpoint, seq: 'x', sig: 'AA' }), JSON.stringify({ ...checkpoint, hash: 'A'.repeat(64), sig: 'AA' })])(
    'calls a line that is not a checkpoint malformed: %s',
    (line) => {
      expect(readCheckpointLine(line, verifying)).toBe('malformed');
    },
  );

  it('takes keys as PEM (also with literal \\n) or as base64 DER', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const line = signCheckpoint(checkpoint, loadCheckpointSigningKey(privatePem.replace(/\n/g, '\\n')));
    expect(readCheckpointLine(line, loadCheckpointPublicKey(publicPem))).toEqual(checkpoint);
  });

  it('refuses a key that is not Ed25519, or not a key, naming the setting and not the key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    expect(() => loadCheckpointSigningKey(rsa)).toThrow(new CheckpointKeyError('AUDIT_CHECKPOINT_SIGNING_KEY', 'must be an Ed25519 key, not rsa'));
    let message = '';
    try {
      loadCheckpointPublicKey('bm90IGEga2V5');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^AUDIT_CHECKPOINT_PUBLIC_KEY: is not a readable SPKI key/);
    expect(message).not.toContain('bm90IGEga2V5');
  });
});
