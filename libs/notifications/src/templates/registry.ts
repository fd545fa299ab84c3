import { accountAgencyRegistration, accountPasswordReset, accountStaffInvitation, accountVerifyEmail, accountWelcome } from './account-templates';
import { escrowHoldPlaced, licenseRenewalReminder } from './agency-templates';
import {
  complaintAgencyAnswerDue,
  complaintAgencyAppealLodged,
  complaintAgencyDecided,
  complaintAgencyFiled,
  complaintAgencyHearing,
  complaintFineDeclarationRejected,
  complaintFineImposed,
  inspectionAgencyNotified,
} from './complaint-agency-templates';
import {
  licenseApplicationApproved,
  licenseApplicationRejected,
  licenseApplicationReturned,
  licenseReinstated,
  licenseRevoked,
  licenseSuspended,
} from './license-templates';
import {
  caseReceived,
  complaintAccepted,
  complaintAppealLodged,
  complaintRefundOrdered,
  complaintAdjudication,
  complaintAssigned,
  complaintAssignmentsDigest,
  complaintClosed,
  complaintComplianceDeclared,
  complaintDecided,
  complaintDismissed,
  complaintHearing,
  complaintReferred,
  complaintSettled,
} from './complaint-templates';
import { deadlineBreached, deadlineEscalatedToSupervisors, deadlineReminder } from './deadline-templates';
import { feesRefundDeclarationRejected, feesRefundOrdered, feesRefundOrderedWorker, feesRefundOverdue } from './fees-templates';
import type { TemplateDefinition } from './template.types';
import {
  welfareClaimApproved,
  welfareClaimDisbursed,
  welfareClaimPaid,
  welfareClaimReceived,
  welfareClaimRejected,
  welfareDocumentsRequested,
} from './welfare-templates';

/**
 * Every template the system sends, by key. To add one: write its texts in the four catalogues
 * (libs/i18n/src/messages/mail/<language>.json), its `defineTemplate({...})` with example data in
 * the `*-templates.ts` file of its area, add it to this list, and run the unit tests.
 */
const ALL = [
  deadlineReminder,
  deadlineBreached,
  deadlineEscalatedToSupervisors,
  accountWelcome,
  accountVerifyEmail,
  accountPasswordReset,
  accountStaffInvitation,
  accountAgencyRegistration,
  caseReceived,
  escrowHoldPlaced,
  licenseRenewalReminder,
  feesRefundOrdered,
  feesRefundOverdue,
  feesRefundDeclarationRejected,
  feesRefundOrderedWorker,
  complaintAccepted,
  complaintAppealLodged,
  complaintRefundOrdered,
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
  complaintAgencyAppealLodged,
  complaintFineDeclarationRejected,
  complaintFineImposed,
  inspectionAgencyNotified,
  licenseApplicationReturned,
  licenseApplicationApproved,
  licenseApplicationRejected,
  licenseSuspended,
  licenseReinstated,
  licenseRevoked,
  complaintAssigned,
  complaintAssignmentsDigest,
  complaintComplianceDeclared,
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
