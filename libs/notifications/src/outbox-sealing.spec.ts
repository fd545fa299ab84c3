import { FieldDecryptionError, FieldEncryption } from '@app/common';
import { dedupDigest, maskAddress, openBody, openRecipient, sealBody } from './outbox-sealing';

const crypto = new FieldEncryption({ keys: { k1: Buffer.alloc(32, 1) }, currentKeyId: 'k1', indexKey: Buffer.alloc(32, 2) });
const ID = '6f1c2a4e-4b1e-4f61-9a51-0d1f3c1a2b3c';
const OTHER = '0b6c8d2e-1a77-4c3b-9e5f-2d4a6b8c0e1f';
const data = { displayName: 'Rosa Mendoza', signInUrl: 'https://cases.example.gov/sign-in' };

describe('outbox sealing', () => {
  it('seals the address and the data: nothing of either is readable, and they open again with the keys', () => {
    const sealed = sealBody(crypto, ID, 'rosa.mendoza@workers.test', data);
    expect(sealed.recipientEnc).toMatch(/^v1\.k1\./);
    expect(JSON.stringify(sealed)).not.toMatch(/rosa|mendoza|Rosa|workers/);
    expect(openBody(crypto, { id: ID, recipient_enc: sealed.recipientEnc, data_enc: sealed.dataEnc, recipient: null, data: null })).toEqual({
      recipient: 'rosa.mendoza@workers.test',
      data,
    });
  });

  it('binds each value to its row and column: copied to another message, or swapped between address and data, it does not open', () => {
    const sealed = sealBody(crypto, ID, 'rosa.mendoza@workers.test', data);
    expect(() => openRecipient(crypto, { id: OTHER, recipient_enc: sealed.recipientEnc, data_enc: null, recipient: null, data: null })).toThrow(
      FieldDecryptionError,
    );
    expect(() => openRecipient(crypto, { id: ID, recipient_enc: sealed.dataEnc, data_enc: null, recipient: null, data: null })).toThrow(FieldDecryptionError);
  });

  it('opens a legacy plaintext row as it is, and a purged one as nulls', () => {
    expect(openBody(crypto, { id: ID, recipient_enc: null, data_enc: null, recipient: 'old@workers.test', data })).toEqual({
      recipient: 'old@workers.test',
      data,
    });
    expect(openBody(crypto, { id: ID, recipient_enc: null, data_enc: null, recipient: null, data: null })).toEqual({ recipient: null, data: null });
  });

  it('masks an address for lists: first letters and the top-level domain only', () => {
    expect(maskAddress('rosa.mendoza@workers.test')).toBe('r***@w***.test');
    expect(maskAddress('x@localhost')).toBe('x***@l***');
    expect(maskAddress('not-an-address')).toBe('***');
    expect(maskAddress(null)).toBeNull();
  });
});

describe('dedup digest', () => {
  it('keeps equality without keeping the key: one digest per key, different keys differ, a digest is not digested again', () => {
    const a = dedupDigest(crypto, 'account.invitation:rosa.mendoza@workers.test');
    expect(a).toMatch(/^h1:[A-Za-z0-9_-]{43}$/);
    expect(a).not.toContain('rosa');
    expect(dedupDigest(crypto, 'account.invitation:rosa.mendoza@workers.test')).toBe(a);
    expect(dedupDigest(crypto, 'account.invitation:other@workers.test')).not.toBe(a);
    expect(dedupDigest(crypto, a)).toBe(a);
  });
});
