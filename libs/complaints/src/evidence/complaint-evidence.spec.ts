import type { DocumentView } from '@app/documents';
import { EvidenceDoor, evidenceParty, evidenceVisibility, evidenceVisibleTo } from './complaint-evidence.service';

const CASE = '11111111-1111-4111-8111-111111111111';
const AGENCY = '22222222-2222-4222-8222-222222222222';
const OTHER_AGENCY = '33333333-3333-4333-8333-333333333333';
const WORKER = '44444444-4444-4444-8444-444444444444';
const OFFICER = '55555555-5555-4555-8555-555555555555';
const AGENCY_USER = '66666666-6666-4666-8666-666666666666';

const doc = (over: Partial<DocumentView>): DocumentView => ({
  id: '77777777-7777-4777-8777-777777777777',
  ownerType: 'complaint',
  ownerId: CASE,
  agencyId: null,
  ownerUserId: null,
  kind: 'contract',
  originalName: 'contract.pdf',
  contentType: 'application/pdf',
  sizeBytes: 100,
  sha256: '0'.repeat(64),
  uploadedBy: null,
  createdAt: '2026-03-02T01:00:00.000Z',
  ...over,
});

/** The rows each door writes (ComplaintEvidence.upload). */
const FILES = {
  ministry: doc({ uploadedBy: OFFICER }),
  publicNoAccount: doc({}),
  publicLinked: doc({ ownerUserId: WORKER }),
  account: doc({ ownerUserId: WORKER, uploadedBy: WORKER }),
  agency: doc({ agencyId: AGENCY, uploadedBy: AGENCY_USER }),
};

describe('complaint evidence: who added a file and who may see it', () => {
  it('reads the party from the owner columns', () => {
    expect(evidenceParty(FILES.ministry)).toBe('ministry');
    expect(evidenceParty(FILES.publicNoAccount)).toBe('complainant');
    expect(evidenceParty(FILES.publicLinked)).toBe('complainant');
    expect(evidenceParty(FILES.account)).toBe('complainant');
    expect(evidenceParty(FILES.agency)).toBe('agency');
  });

  it("shares only the agency's files on the timeline", () => {
    expect([evidenceVisibility('ministry'), evidenceVisibility('complainant'), evidenceVisibility('agency')]).toEqual(['internal', 'internal', 'shared']);
  });

  const visible = (door: EvidenceDoor) =>
    Object.entries(FILES)
      .filter(([, d]) => evidenceVisibleTo(door, d))
      .map(([name]) => name);

  it('the ministry sees every file', () => {
    expect(visible({ party: 'ministry', caseId: CASE, userId: OFFICER })).toEqual(Object.keys(FILES));
  });

  it("the complainant sees their own files and the agency's, by either door", () => {
    const expected = ['publicNoAccount', 'publicLinked', 'account', 'agency'];
    expect(visible({ party: 'complainant', caseId: CASE, userId: WORKER })).toEqual(expected);
    expect(visible({ party: 'complainant', reference: 'CMP-2026-00001-0', secret: 'x' })).toEqual(expected);
  });

  it("the agency sees only its own uploads, never the complainant's or the ministry's", () => {
    expect(visible({ party: 'agency', caseId: CASE, userId: AGENCY_USER, agencyId: AGENCY })).toEqual(['agency']);
    expect(visible({ party: 'agency', caseId: CASE, userId: AGENCY_USER, agencyId: OTHER_AGENCY })).toEqual([]);
  });
});
