import { LifecycleEffects, LifecycleRefusalCode, TransitionRow, defineLifecycle } from '@app/common';
import type { TemplateKey } from '@app/notifications';

/**
 * The inspection lifecycle, in one table: from which state an action leads to which state, who may
 * take it and what must hold. InspectionsService is the only caller and the only writer of
 * `inspection.state`.
 *
 *   planned ──conduct──▶ conducted ──record-findings──▶ findings ──follow-up──▶ closed
 *      └─cancel (reason, supervisor)──▶ cancelled
 *   notify-agency (planned, conducted, findings: stays): the agency sees the inspection from then on.
 */

export const INSPECTION_STATES = ['planned', 'conducted', 'findings', 'closed', 'cancelled'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];

export const INSPECTION_ORIGINS = ['pattern', 'supervisor', 'routine'] as const;
export type InspectionOrigin = (typeof INSPECTION_ORIGINS)[number];

export const INSPECTION_ACTIONS = ['notify-agency', 'conduct', 'record-findings', 'follow-up', 'cancel'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];

export type InspectionActor = 'inspector' | 'supervisor';

/** What the checklist of every inspection covers (SPEC section 9). */
export const CHECKLIST_ITEMS = ['identity-documents-retained', 'fee-receipts', 'contracts', 'branch-premises'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface InspectionGuardContext {
  reason: string | null;
  /** notify-agency: not notified yet. */
  agencyNotified: boolean;
  /** conduct: a date not in the future, at least one inspector, every checklist item answered once. */
  conductedOnValid: boolean;
  hasInspectors: boolean;
  checklistComplete: boolean;
  /** record-findings: the findings given (may be empty: no violation). */
  hasFindings: boolean;
}

export type InspectionProblem = 'reason-required' | 'already-notified' | 'date-required' | 'inspectors-required' | 'checklist-incomplete' | 'findings-required';

export type InspectionEffects = LifecycleEffects<string, string, TemplateKey>;
export type InspectionTransition = TransitionRow<
  InspectionState,
  InspectionAction,
  InspectionActor,
  InspectionGuardContext,
  InspectionProblem,
  InspectionEffects
>;

const OFFICERS: readonly InspectionActor[] = ['inspector', 'supervisor'];
const notify = (c: InspectionGuardContext) => (c.agencyNotified ? 'already-notified' : null);
const conduct = (c: InspectionGuardContext) =>
  !c.conductedOnValid ? 'date-required' : !c.hasInspectors ? 'inspectors-required' : !c.checklistComplete ? 'checklist-incomplete' : null;
const findings = (c: InspectionGuardContext) => (c.hasFindings ? null : 'findings-required');
const reason = (c: InspectionGuardContext) => (c.reason?.trim() ? null : 'reason-required');
/** The agency's admins are told of the inspection (from then on the agency sees it). */
const NOTIFY: InspectionEffects = { audit: 'inspection.notify-agency', notices: ['inspection.agency-notified'] };

export const INSPECTION_TRANSITIONS: readonly InspectionTransition[] = [
  { from: 'planned', action: 'notify-agency', to: 'planned', who: OFFICERS, guard: notify, effects: NOTIFY },
  { from: 'conducted', action: 'notify-agency', to: 'conducted', who: OFFICERS, guard: notify, effects: NOTIFY },
  { from: 'findings', action: 'notify-agency', to: 'findings', who: OFFICERS, guard: notify, effects: NOTIFY },
  { from: 'planned', action: 'conduct', to: 'conducted', who: OFFICERS, guard: conduct, effects: { audit: 'inspection.conduct' } },
  { from: 'conducted', action: 'record-findings', to: 'findings', who: OFFICERS, guard: findings, effects: { audit: 'inspection.record-findings' } },
  // A violation found opens proceedings against the agency (a case, like a complaint's).
  { from: 'findings', action: 'follow-up', to: 'closed', who: ['supervisor'], effects: { audit: 'inspection.follow-up' } },
  { from: 'planned', action: 'cancel', to: 'cancelled', who: ['supervisor'], guard: reason, effects: { audit: 'inspection.cancel' } },
];

/** The inspection lifecycle on the kernel; refusals answer 409 transition-not-allowed / transition-condition-unmet, 403 forbidden. */
export const INSPECTION_LIFECYCLE = defineLifecycle<InspectionTransition>({
  name: 'inspection',
  states: INSPECTION_STATES,
  actions: INSPECTION_ACTIONS,
  rows: INSPECTION_TRANSITIONS,
  answer: (r, lifecycle) => {
    if (r.code === LifecycleRefusalCode.NotYourRole)
      return { type: 'forbidden', status: 403, title: 'Forbidden', detail: `Your role may not take '${r.action}' on an inspection.` };
    const fields = { state: r.from, action: r.action, allowedActions: lifecycle.allowed(r.from) };
    if (r.code === LifecycleRefusalCode.TransitionNotAllowed)
      return {
        type: 'transition-not-allowed',
        status: 409,
        title: 'Conflict',
        detail: `An inspection in state '${r.from}' cannot take '${r.action}'.`,
        fields,
      };
    return {
      type: 'transition-condition-unmet',
      status: 409,
      title: 'Conflict',
      detail: `'${r.action}' cannot be taken: ${r.condition!.replace(/-/g, ' ')}.`,
      fields: { ...fields, condition: r.condition },
    };
  },
});

export const allowedInspectionActions = (from: InspectionState): InspectionAction[] => INSPECTION_LIFECYCLE.allowed(from);
