import { disqualificationsOf, licenseTypeFor, personKey } from './license-type-rule';

describe('licenseTypeFor: provisional first, regular on renewal after a clean provisional period', () => {
  it('a new application is provisional, whatever the agency held before', () => {
    expect(licenseTypeFor({ application: 'new' }).type).toBe('provisional');
  });

  it('a provisional license renews regular when the provisional period had no violation', () => {
    expect(licenseTypeFor({ application: 'renewal', current: 'provisional', violationsInPeriod: [] })).toEqual({
      type: 'regular',
      why: 'the provisional period ended without violations',
    });
  });

  it('a provisional license with violations in its period renews provisional, naming them', () => {
    const d = licenseTypeFor({ application: 'renewal', current: 'provisional', violationsInPeriod: ['case CMP-2026-00001-3'] });
    expect(d.type).toBe('provisional');
    expect(d.why).toContain('CMP-2026-00001-3');
  });

  it('a regular license renews regular', () => {
    expect(licenseTypeFor({ application: 'renewal', current: 'regular', violationsInPeriod: ['x'] }).type).toBe('regular');
  });
});

describe('disqualificationsOf: revoked agencies and their owners and officers, for a period', () => {
  const now = new Date('2026-03-02T00:00:00Z');
  const revoked = {
    agencyId: 'A',
    licenseNumber: 'PH-LRA-2025-00001-1',
    revokedAt: new Date('2025-01-10T00:00:00Z'),
    people: ['Rogelio  Panganiban', 'Maria Cruz'],
  };

  it('the revoked agency itself, until the period ends', () => {
    expect(disqualificationsOf({ agencyId: 'A', people: [] }, [revoked], 3, now)).toEqual([
      expect.objectContaining({ via: 'agency', until: new Date('2028-01-10T00:00:00Z') }),
    ]);
    expect(disqualificationsOf({ agencyId: 'A', people: [] }, [revoked], 1, now)).toEqual([]);
  });

  it('another agency sharing an owner or officer (names compared without case or spacing)', () => {
    expect(disqualificationsOf({ agencyId: 'B', people: ['rogelio panganiban'] }, [revoked], 3, now)).toEqual([
      expect.objectContaining({ via: { person: 'Rogelio  Panganiban' } }),
    ]);
    expect(disqualificationsOf({ agencyId: 'B', people: ['Jose Rizal'] }, [revoked], 3, now)).toEqual([]);
  });

  it('personKey forgives case, spacing and dots', () => {
    expect(personKey(' Ma.  Cruz ')).toBe(personKey('ma cruz'));
  });
});
