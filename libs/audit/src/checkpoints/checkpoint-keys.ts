import { KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

/** A checkpoint key that cannot be used; the message names the setting, never the key. */
export class CheckpointKeyError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'CheckpointKeyError';
  }
}

const isPem = (text: string) => text.trimStart().startsWith('-----BEGIN');
// Environment files often carry a PEM with literal "\n".
const pem = (text: string) => text.replace(/\\n/g, '\n');

function load(variable: string, text: string, kind: 'private' | 'public'): KeyObject {
  let key: KeyObject;
  try {
    const der = isPem(text) ? null : Buffer.from(text.trim(), 'base64');
    if (kind === 'private') key = createPrivateKey(der ? { key: der, format: 'der', type: 'pkcs8' } : { key: pem(text), format: 'pem' });
    else key = createPublicKey(der ? { key: der, format: 'der', type: 'spki' } : { key: pem(text), format: 'pem' });
  } catch {
    throw new CheckpointKeyError(variable, `is not a readable ${kind === 'private' ? 'PKCS#8' : 'SPKI'} key (PEM, or base64 of DER)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new CheckpointKeyError(variable, `must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'a symmetric key'}`);
  return key;
}

/** AUDIT_CHECKPOINT_SIGNING_KEY: an Ed25519 private key (PKCS#8 PEM, or base64 of its DER). */
export const loadCheckpointSigningKey = (text: string, variable = 'AUDIT_CHECKPOINT_SIGNING_KEY'): KeyObject => load(variable, text, 'private');

/** AUDIT_CHECKPOINT_PUBLIC_KEY: an Ed25519 public key (SPKI PEM, or base64 of its DER). */
export const loadCheckpointPublicKey = (text: string, variable = 'AUDIT_CHECKPOINT_PUBLIC_KEY'): KeyObject => load(variable, text, 'public');

/** A new key pair, each as one line of base64 DER (fits an environment variable). */
export function generateCheckpointKeys(): { signingKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signingKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}
