import { COMPLAINT_TRANSITIONS } from '../lifecycle/complaint-transitions';
import { AGENCY_NOTICE_ACTIONS, agencyMaySee } from './agency-visibility';

describe('what an agency may see of the cases about it', () => {
  it('sees a complaint from its filing', () => {
    expect(agencyMaySee({ kind: 'complaint', agencyNotifiedAt: null })).toBe(true);
  });

  it('sees an inspection only once notified', () => {
    expect(agencyMaySee({ kind: 'inspection', agencyNotifiedAt: null })).toBe(false);
    expect(agencyMaySee({ kind: 'inspection', agencyNotifiedAt: new Date('2026-03-02T01:00:00Z') })).toBe(true);
  });

  it('the moves that notify are the ones that can first bring a never-notified case before the agency', () => {
    // A case the agency was never told of is in `submitted` or closed at triage (referred, dismissed):
    // the moves out of those stages that do not close it are exactly the notifying ones.
    const first = COMPLAINT_TRANSITIONS.filter((t) => (t.from === 'submitted' || t.from === 'closed') && t.to !== 'closed').map((t) => t.action);
    expect(new Set(first)).toEqual(AGENCY_NOTICE_ACTIONS);
  });
});
