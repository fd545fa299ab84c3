import { ROLES, lifecycleProblems } from '@app/common';
import { AMENDMENT_LIFECYCLE } from './amendment-transitions';

describe('amendment lifecycle table', () => {
  it('an inspector approves or rejects a pending amendment; both are final', () => {
    expect(AMENDMENT_LIFECYCLE.require('pending', 'approve')).toMatchObject({ to: 'approved', effects: { audit: 'agency.amendment.approved' } });
    expect(AMENDMENT_LIFECYCLE.require('pending', 'reject')).toMatchObject({ to: 'rejected', effects: { audit: 'agency.amendment.rejected' } });
    expect(AMENDMENT_LIFECYCLE.allowed('approved')).toEqual([]);
    expect(AMENDMENT_LIFECYCLE.whoAmong('approve', ROLES)).toEqual(['inspector']);
  });

  it('a decided amendment is 409 amendment-decided, as the API always answered', () => {
    expect(() => AMENDMENT_LIFECYCLE.require('rejected', 'approve')).toThrow(
      expect.objectContaining({
        code: 'amendment-decided',
        status: 409,
        detail: 'The amendment was already rejected.',
        extensions: { state: 'rejected', allowedActions: [] },
      }),
    );
  });

  it('declares only roles that exist, and an agency.amendment audit action for every move', () => {
    expect(lifecycleProblems(AMENDMENT_LIFECYCLE, { actors: ROLES, auditPrefix: 'agency.amendment.' })).toEqual([]);
  });
});
