import type { PolicyRules } from '@app/deadlines';

/**
 * The deadline kinds of a case, with the SPEC's defaults (each an SLA policy admins can edit).
 * Urgent cases use the `.urgent` kinds: shorter triage and decision times.
 */
/** The deadlines' subject type for a complaint case. */
export const COMPLAINT_SUBJECT = 'complaint';

export const COMPLAINT_DEADLINES = {
  triage: 'complaint.triage',
  triageUrgent: 'complaint.triage.urgent',
  conciliation: 'complaint.conciliation',
  settlementCompliance: 'complaint.settlement-compliance',
  agencyAnswer: 'complaint.agency-answer',
  decision: 'complaint.decision',
  decisionUrgent: 'complaint.decision.urgent',
  appealWindow: 'complaint.appeal-window',
  finePayment: 'complaint.fine-payment',
} as const;

export type ComplaintDeadlineKind = (typeof COMPLAINT_DEADLINES)[keyof typeof COMPLAINT_DEADLINES];

/** A missed triage: the assignee is told and the case raised to urgent; a day later it goes to the supervisors' queue. */
const TRIAGE_ESCALATIONS: PolicyRules['escalations'] = [
  { afterHours: 0, actions: ['notify-assignee', 'raise-priority'] },
  { afterHours: 24, actions: ['move-to-supervisors-queue', 'notify-supervisors'] },
];

export const COMPLAINT_DEADLINE_DEFAULTS: Record<ComplaintDeadlineKind, { description: string; policy: PolicyRules }> = {
  'complaint.triage': {
    description: 'Triage a new complaint (accept, refer or dismiss)',
    policy: { durationDays: 2, counting: 'business', reminderShare: 0.8, escalations: TRIAGE_ESCALATIONS },
  },
  'complaint.triage.urgent': {
    description: 'Triage an urgent complaint',
    policy: { durationDays: 1, counting: 'business', reminderShare: 0.5, escalations: TRIAGE_ESCALATIONS },
  },
  'complaint.conciliation': {
    description: 'Conciliation period; when it ends without a settlement the case goes to adjudication',
    policy: { durationDays: 30, counting: 'calendar', reminderShare: 0.8, escalations: [{ afterHours: 0, actions: ['act'] }] },
  },
  'complaint.settlement-compliance': {
    description: 'The agency complies with the settlement; missed, the officer is told to record the breach',
    policy: { durationDays: 30, counting: 'calendar', reminderShare: null, escalations: [{ afterHours: 0, actions: ['notify-assignee'] }] },
  },
  'complaint.agency-answer': {
    description: "The agency's written answer in adjudication",
    policy: { durationDays: 10, counting: 'calendar', reminderShare: 0.8, escalations: [{ afterHours: 0, actions: ['notify-assignee'] }] },
  },
  'complaint.decision': {
    description: 'Decide an adjudicated case (from docketing)',
    policy: {
      durationDays: 90,
      counting: 'calendar',
      reminderShare: 0.8,
      escalations: [
        { afterHours: 0, actions: ['notify-assignee', 'notify-supervisors'] },
        { afterHours: 168, actions: ['move-to-supervisors-queue'] },
      ],
    },
  },
  'complaint.decision.urgent': {
    description: 'Decide an urgent adjudicated case',
    policy: {
      durationDays: 45,
      counting: 'calendar',
      reminderShare: 0.8,
      escalations: [
        { afterHours: 0, actions: ['notify-assignee', 'notify-supervisors'] },
        { afterHours: 72, actions: ['move-to-supervisors-queue'] },
      ],
    },
  },
  'complaint.fine-payment': {
    description: 'An agency pays a fine a decision imposed; missed, the supervisors are told (the fine keeps blocking the license clearance)',
    policy: { durationDays: 30, counting: 'calendar', reminderShare: 0.8, escalations: [{ afterHours: 0, actions: ['notify-supervisors'] }] },
  },
  'complaint.appeal-window': {
    description: 'Appeal window after a decision; when it lapses the case closes and the sanctions take effect',
    policy: { durationDays: 10, counting: 'calendar', reminderShare: null, escalations: [{ afterHours: 0, actions: ['act'] }] },
  },
};
