import { accountWelcome } from './account-welcome';
import { caseReceived } from './case-received';
import { complaintAccepted } from './complaint-accepted';
import { complaintAdjudication } from './complaint-adjudication';
import { complaintAgencyAnswerDue } from './complaint-agency-answer-due';
import { complaintAgencyDecided } from './complaint-agency-decided';
import { complaintAgencyFiled } from './complaint-agency-filed';
import { complaintAgencyHearing } from './complaint-agency-hearing';
import { complaintAssigned } from './complaint-assigned';
import { complaintClosed } from './complaint-closed';
import { complaintDecided } from './complaint-decided';
import { complaintDismissed } from './complaint-dismissed';
import { complaintHearing } from './complaint-hearing';
import { complaintReferred } from './complaint-referred';
import { complaintSettled } from './complaint-settled';
import { deadlineBreached } from './deadline-breached';
import { deadlineEscalatedToSupervisors } from './deadline-escalated-to-supervisors';
import { deadlineReminder } from './deadline-reminder';
import { escrowHoldPlaced } from './escrow-hold-placed';
import { feesRefundOrdered } from './fees-refund-ordered';
import { feesRefundOrderedWorker } from './fees-refund-ordered-worker';
import { feesRefundOverdue } from './fees-refund-overdue';
import { licenseRenewalReminder } from './license-renewal-reminder';
import type { TemplateDefinition } from './template.types';
import { welfareClaimApproved } from './welfare-claim-approved';
import { welfareClaimDisbursed } from './welfare-claim-disbursed';
import { welfareClaimPaid } from './welfare-claim-paid';
import { welfareClaimReceived } from './welfare-claim-received';
import { welfareClaimRejected } from './welfare-claim-rejected';
import { welfareDocumentsRequested } from './welfare-documents-requested';

/**
 * Every template the system sends, by key. To add one: write `<name>.ts` beside these (a
 * `defineTemplate({...})` with its example data), add it to this list, and run the unit tests.
 */
const ALL = [
  deadlineReminder,
  deadlineBreached,
  deadlineEscalatedToSupervisors,
  accountWelcome,
  caseReceived,
  escrowHoldPlaced,
  licenseRenewalReminder,
  feesRefundOrdered,
  feesRefundOverdue,
  feesRefundOrderedWorker,
  complaintAccepted,
  complaintReferred,
  complaintDismissed,
  complaintSettled,
  complaintAdjudication,
  complaintHearing,
  complaintDecided,
  complaintClosed,
  complaintAgencyFiled,
  complaintAgencyAnswerDue,
  complaintAgencyHearing,
  complaintAgencyDecided,
  complaintAssigned,
  welfareClaimReceived,
  welfareDocumentsRequested,
  welfareClaimApproved,
  welfareClaimRejected,
  welfareClaimDisbursed,
  welfareClaimPaid,
] as const;

export type TemplateKey = (typeof ALL)[number]['key'];

export const TEMPLATES: Readonly<Record<TemplateKey, TemplateDefinition<TemplateKey>>> = Object.freeze(
  Object.fromEntries(ALL.map((t) => [t.key, t])) as Record<TemplateKey, TemplateDefinition<TemplateKey>>,
);

export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[];

export const isTemplateKey = (key: unknown): key is TemplateKey => typeof key === 'string' && Object.prototype.hasOwnProperty.call(TEMPLATES, key);
