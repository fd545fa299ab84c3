import { ROLES, lifecycleProblems } from '@app/common';
import { BRANCH_LIFECYCLE } from './branch-transitions';

const answer = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    const x = e as { code: string; status: number; detail: string; extensions: unknown };
    return { code: x.code, status: x.status, detail: x.detail, extensions: x.extensions };
  }
  throw new Error('not refused');
};

describe('branch lifecycle table', () => {
  it('the ministry decides a pending branch; the agency closes an active one', () => {
    expect(BRANCH_LIFECYCLE.allowed('pending')).toEqual(['approve', 'reject']);
    expect(BRANCH_LIFECYCLE.allowed('active')).toEqual(['close']);
    expect(BRANCH_LIFECYCLE.allowed('rejected')).toEqual([]);
    expect(BRANCH_LIFECYCLE.allowed('closed')).toEqual([]);
    expect(BRANCH_LIFECYCLE.require('pending', 'approve').to).toBe('active');
    expect(BRANCH_LIFECYCLE.require('pending', 'reject').to).toBe('rejected');
    expect(BRANCH_LIFECYCLE.require('active', 'close').to).toBe('closed');
    expect(BRANCH_LIFECYCLE.whoAmong('approve', ROLES)).toEqual(['inspector', 'supervisor']);
    expect(BRANCH_LIFECYCLE.whoAmong('close', ROLES)).toEqual(['agency_admin']);
  });

  it('refuses as the API always answered: branch-decided, branch-closed, branch-not-active', () => {
    expect(answer(() => BRANCH_LIFECYCLE.require('active', 'approve'))).toEqual({
      code: 'branch-decided',
      status: 409,
      detail: 'The branch is active, no longer pending.',
      extensions: { branchStatus: 'active' },
    });
    expect(answer(() => BRANCH_LIFECYCLE.require('closed', 'close'))).toEqual({
      code: 'branch-closed',
      status: 409,
      detail: 'The branch is already closed.',
      extensions: {},
    });
    expect(answer(() => BRANCH_LIFECYCLE.require('pending', 'close'))).toEqual({
      code: 'branch-not-active',
      status: 409,
      detail: 'Only an active branch can be closed; this one is pending.',
      extensions: { branchStatus: 'pending' },
    });
  });

  it('declares only roles that exist, and an agency.branch audit action for every move', () => {
    expect(lifecycleProblems(BRANCH_LIFECYCLE, { actors: ROLES, auditPrefix: 'agency.branch.' })).toEqual([]);
  });
});
