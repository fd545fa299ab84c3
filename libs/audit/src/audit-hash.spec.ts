import { createHash } from 'node:crypto';
import { AuditHashedContent, GENESIS_HASH, computeEntryHash, hashedPayloadAround } from './audit-hash';

const content: AuditHashedContent = {
  chain: 'main',
  occurredAt: '2025-03-04T05:06:07.089Z',
  actorId: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890',
  actorRole: 'admin',
  action: 'agency.license.suspended',
  subjectType: 'agency',
  subjectId: 'a-17',
  changes: { status: { from: 'active', to: 'suspended' }, reason: 'fee-cap' },
  correlationId: 'req-1',
};

describe('computeEntryHash', () => {
  it('is SHA-256 (hex) of prev_hash followed by the canonical JSON of the nine fields', () => {
    // Written out by hand: this is the format docs/audit.md promises auditors.
    const payload =
      '{"action":"agency.license.suspended","actorId":"6f1c2d3e-4b5a-4c6d-8e7f-901234567890","actorRole":"admin",' +
      '"chain":"main","changes":{"reason":"fee-cap","status":{"from":"active","to":"suspended"}},"correlationId":"req-1",' +
      '"occurredAt":"2025-03-04T05:06:07.089Z","subjectId":"a-17","subjectType":"agency"}';
    const expected = createHash('sha256')
      .update(GENESIS_HASH + payload, 'utf8')
      .digest('hex');
    expect(computeEntryHash(GENESIS_HASH, content)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes absent optional fields as null', () => {
    const bare = { ...content, actorId: null, subjectId: null, correlationId: null, changes: {} };
    const payload =
      '{"action":"agency.license.suspended","actorId":null,"actorRole":"admin","chain":"main","changes":{},' +
      '"correlationId":null,"occurredAt":"2025-03-04T05:06:07.089Z","subjectId":null,"subjectType":"agency"}';
    expect(computeEntryHash(GENESIS_HASH, bare)).toBe(
      createHash('sha256')
        .update(GENESIS_HASH + payload)
        .digest('hex'),
    );
  });

  it('is deterministic and independent of key order, in the entry and inside changes', () => {
    const reordered: AuditHashedContent = {
      correlationId: 'req-1',
      changes: { reason: 'fee-cap', status: { to: 'suspended', from: 'active' } },
      subjectId: 'a-17',
      subjectType: 'agency',
      action: 'agency.license.suspended',
      actorRole: 'admin',
      actorId: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890',
      occurredAt: '2025-03-04T05:06:07.089Z',
      chain: 'main',
    };
    expect(computeEntryHash(GENESIS_HASH, reordered)).toBe(computeEntryHash(GENESIS_HASH, content));
    expect(computeEntryHash(GENESIS_HASH, content)).toBe(computeEntryHash(GENESIS_HASH, { ...content }));
  });

  it('ignores fields outside the nine (a view with seq and hashes hashes the same)', () => {
    const view = { ...content, seq: '12', prevHash: GENESIS_HASH, hash: 'f'.repeat(64) };
    expect(computeEntryHash(GENESIS_HASH, view)).toBe(computeEntryHash(GENESIS_HASH, content));
  });

  it('changes when any hashed field or the previous hash changes', () => {
    const base = computeEntryHash(GENESIS_HASH, content);
    const variants: Partial<AuditHashedContent>[] = [
      { chain: 'auth' },
      { occurredAt: '2025-03-04T05:06:07.090Z' },
      { actorId: null },
      { actorRole: 'system' },
      { action: 'agency.license.reinstated' },
      { subjectType: 'case' },
      { subjectId: 'a-18' },
      { changes: { status: { from: 'active', to: 'revoked' }, reason: 'fee-cap' } },
      { correlationId: null },
    ];
    for (const v of variants) expect(computeEntryHash(GENESIS_HASH, { ...content, ...v })).not.toBe(base);
    expect(computeEntryHash('1'.repeat(64), content)).not.toBe(base);
  });
});

describe('hashedPayloadAround', () => {
  it('splits the payload around the time, so that the time filled in later hashes as computeEntryHash does', () => {
    const content = {
      chain: 'complaints-intake-3',
      actorId: null,
      actorRole: 'anonymous',
      action: 'complaint.submitted',
      subjectType: 'complaint',
      subjectId: '6c44753e-e211-4b9b-b015-1966154d9c2e',
      changes: { reference: 'CMP-2026-04981-1', occurredAt: 'not the entry time', zz: ['occurredAt'] },
      correlationId: 'a5e68366-5cb8-4b5d-94ab-b99219e582c1',
    };
    const occurredAt = '2026-12-05T22:06:23.334Z';
    const { before, after } = hashedPayloadAround(content);
    const prev = 'a'.repeat(64);
    expect(
      createHash('sha256')
        .update(prev + before + occurredAt + after, 'utf8')
        .digest('hex'),
    ).toBe(computeEntryHash(prev, { ...content, occurredAt }));
  });
});
