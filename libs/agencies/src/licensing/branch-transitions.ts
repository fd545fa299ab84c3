import { LifecycleEffects, LifecycleRefusalCode, TransitionRow, defineLifecycle } from '@app/common';
import type { Role } from '@app/common';
import { BRANCH_STATES, BranchState } from './entities/agency-branch.entity';

/**
 * The branch lifecycle, in one table. An agency admin registers a branch (`pending`,
 * AgencyProfileService.addBranch, outside this table); the ministry approves it (`active`, public
 * from then on) or rejects it (`rejected`, final); the agency closes an active branch (`closed`,
 * final: it stays listed). AgencyProfileService is the only writer of `agency_branch.status`.
 */
export const BRANCH_ACTIONS = ['approve', 'reject', 'close'] as const;
export type BranchAction = (typeof BRANCH_ACTIONS)[number];

export type BranchTransition = TransitionRow<BranchState, BranchAction, Role, unknown, never, LifecycleEffects>;

export const BRANCH_TRANSITIONS: readonly BranchTransition[] = [
  { from: 'pending', action: 'approve', to: 'active', who: ['inspector', 'supervisor'], effects: { audit: 'agency.branch.approved' } },
  { from: 'pending', action: 'reject', to: 'rejected', who: ['inspector', 'supervisor'], effects: { audit: 'agency.branch.rejected' } },
  { from: 'active', action: 'close', to: 'closed', who: ['agency_admin'], effects: { audit: 'agency.branch.closed' } },
];

/**
 * The branch lifecycle on the kernel (the routes check the roles, from `who`). A decision on a
 * branch no longer pending is 409 `branch-decided`; closing a closed branch 409 `branch-closed`,
 * any other not active 409 `branch-not-active`.
 */
export const BRANCH_LIFECYCLE = defineLifecycle<BranchTransition>({
  name: 'branch',
  states: BRANCH_STATES,
  actions: BRANCH_ACTIONS,
  rows: BRANCH_TRANSITIONS,
  answer: (r) => {
    if (r.code === LifecycleRefusalCode.NotYourRole)
      return { type: 'forbidden', status: 403, title: 'Forbidden', detail: `Only ${r.who.join(' or ')} may ${r.action} a branch.` };
    if (r.action !== 'close')
      return {
        type: 'branch-decided',
        status: 409,
        title: 'Conflict',
        detail: `The branch is ${r.from}, no longer pending.`,
        fields: { branchStatus: r.from },
      };
    if (r.from === 'closed') return { type: 'branch-closed', status: 409, title: 'Conflict', detail: 'The branch is already closed.' };
    return {
      type: 'branch-not-active',
      status: 409,
      title: 'Conflict',
      detail: `Only an active branch can be closed; this one is ${r.from}.`,
      fields: { branchStatus: r.from },
    };
  },
});
