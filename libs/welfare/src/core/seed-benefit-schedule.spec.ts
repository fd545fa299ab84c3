import {
  CLAIM_TYPES,
  CLAIM_TYPE_POLICY,
  DEFAULT_CONTRIBUTION,
  DOCUMENT_CODES,
  DOCUMENT_LABELS,
  InvalidWelfareInputError,
  REQUIRED_DOCUMENTS,
  SEEDED_BENEFIT_SCHEDULE,
  missingDocuments,
  requiredDocuments,
  seededEntry,
  validateBenefitSchedule,
} from './index';

describe('SEEDED_BENEFIT_SCHEDULE', () => {
  it('is a valid schedule with exactly one open-ended entry per claim type from 2024-01-01, all in PHP', () => {
    expect(() => validateBenefitSchedule(SEEDED_BENEFIT_SCHEDULE)).not.toThrow();
    expect(SEEDED_BENEFIT_SCHEDULE.map((e) => e.type).sort()).toEqual([...CLAIM_TYPES].sort());
    for (const e of SEEDED_BENEFIT_SCHEDULE) {
      expect(e).toMatchObject({ validFrom: '2024-01-01', validTo: null });
      expect(e.rule.currency).toBe('PHP');
      expect(CLAIM_TYPE_POLICY[e.type].ruleKinds).toContain(e.rule.kind);
    }
  });

  it('names a source for every figure, and says how sure it is', () => {
    for (const e of SEEDED_BENEFIT_SCHEDULE) {
      expect(e.source.length).toBeGreaterThan(20);
      expect(['published-figure', 'approximation', 'placeholder']).toContain(e.status);
      expect(e.note.length).toBeGreaterThan(10);
    }
  });

  it('the figures without a published per-claim amount are flagged as placeholders', () => {
    expect(SEEDED_BENEFIT_SCHEDULE.filter((e) => e.status === 'placeholder').map((e) => e.type)).toEqual(['repatriation', 'legal-assistance']);
    for (const e of SEEDED_BENEFIT_SCHEDULE.filter((x) => x.status === 'placeholder')) expect(e.note).toMatch(/PLACEHOLDER/);
  });

  it('holds the OWWA figures: death PHP 100,000 natural / 200,000 accidental, burial 20,000, MEDplus up to 50,000, livelihood 20,000', () => {
    expect(seededEntry('death:natural').rule).toEqual({ kind: 'fixed', amountMinor: 10_000_000n, currency: 'PHP' });
    expect(seededEntry('death:accidental').rule).toEqual({ kind: 'fixed', amountMinor: 20_000_000n, currency: 'PHP' });
    expect(seededEntry('death:burial').rule).toEqual({ kind: 'fixed', amountMinor: 2_000_000n, currency: 'PHP' });
    expect(seededEntry('medical').rule).toEqual({ kind: 'reimbursement', capMinor: 5_000_000n, currency: 'PHP' });
    expect(seededEntry('livelihood-grant').rule).toEqual({ kind: 'fixed', amountMinor: 2_000_000n, currency: 'PHP' });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(SEEDED_BENEFIT_SCHEDULE)).toBe(true);
    expect(Object.isFrozen(SEEDED_BENEFIT_SCHEDULE[0])).toBe(true);
    expect(Object.isFrozen(SEEDED_BENEFIT_SCHEDULE[0].rule)).toBe(true);
  });

  it('the default contribution is USD 25.00', () => {
    expect(DEFAULT_CONTRIBUTION).toEqual({ amountMinor: 2500n, currency: 'USD' });
    expect(Object.isFrozen(DEFAULT_CONTRIBUTION)).toBe(true);
  });
});

describe('document checklists', () => {
  it('every claim type has a checklist of known documents, each labelled, none twice, all starting with the membership record', () => {
    expect(Object.keys(REQUIRED_DOCUMENTS).sort()).toEqual([...CLAIM_TYPES].sort());
    for (const type of CLAIM_TYPES) {
      const list = REQUIRED_DOCUMENTS[type];
      expect(list[0]).toBe('membership-record');
      expect(new Set(list).size).toBe(list.length);
      for (const code of list) {
        expect(DOCUMENT_CODES).toContain(code);
        expect(DOCUMENT_LABELS[code].length).toBeGreaterThan(5);
      }
    }
  });

  it('every labelled document is used by some type', () => {
    const used = new Set(CLAIM_TYPES.flatMap((t) => REQUIRED_DOCUMENTS[t]));
    expect([...DOCUMENT_CODES].filter((c) => !used.has(c))).toEqual([]);
  });

  it.each([
    ['death:natural', ['death-certificate', 'proof-of-relationship', 'passport-copy']],
    ['death:accidental', ['death-certificate', 'police-or-accident-report']],
    ['death:burial', ['burial-permit', 'funeral-receipt']],
    ['disability:partial', ['medical-report', 'disability-assessment']],
    ['disability:total', ['medical-report', 'disability-assessment']],
    ['medical', ['medical-report', 'medical-receipts']],
    ['repatriation', ['travel-receipts']],
    ['legal-assistance', ['case-documents', 'legal-fee-receipts']],
    ['education-grant', ['enrollment-certificate', 'proof-of-relationship']],
    ['livelihood-grant', ['business-plan']],
  ] as const)('%s asks for %j', (type, docs) => {
    for (const d of docs) expect(REQUIRED_DOCUMENTS[type]).toContain(d);
  });

  it('a beneficiary claiming adds the claimant ID and proof of relationship, once', () => {
    expect(requiredDocuments('medical')).toEqual(['membership-record', 'passport-copy', 'medical-report', 'medical-receipts']);
    expect(requiredDocuments('medical', 'beneficiary')).toEqual([
      'membership-record',
      'passport-copy',
      'medical-report',
      'medical-receipts',
      'claimant-id',
      'proof-of-relationship',
    ]);
    expect(requiredDocuments('death:natural', 'beneficiary')).toEqual([...REQUIRED_DOCUMENTS['death:natural']]);
  });

  it('lists what is missing, in checklist order', () => {
    expect(missingDocuments('death:accidental', ['passport-copy', 'death-certificate', 'something-else'])).toEqual([
      'membership-record',
      'police-or-accident-report',
      'claimant-id',
      'proof-of-relationship',
    ]);
    expect(missingDocuments('repatriation', [...REQUIRED_DOCUMENTS.repatriation])).toEqual([]);
  });

  it('refuses an unknown type or claimant', () => {
    expect(() => requiredDocuments('funeral' as never)).toThrow(InvalidWelfareInputError);
    expect(() => requiredDocuments('medical', 'agency' as never)).toThrow(InvalidWelfareInputError);
  });
});
