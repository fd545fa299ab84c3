/**
 * Mail about a complaint to the complainant (each step that concerns them) and to the inspector it is assigned to.
 * Texts: libs/i18n/src/messages/mail/<language>.json.
 */
import { mailDate, mailDateTime, mailMoney, mailTerm } from './mail-values';
import { REFERENCE_NUMBER, defineTemplate } from './template.types';

/** The case's page for its complainant (`caseUrl`: in their account, or "follow your complaint"), when the mail carries it. */
const COMPLAINT_FOLLOW = { message: 'mail.complaintCommon.follow', variable: 'caseUrl' } as const;

export const caseReceived = defineTemplate({
  key: 'case.received',
  audience: 'worker',
  description: 'To the complainant when a complaint is filed: its reference number, the tracking code and what happens next.',
  example: {
    referenceNumber: 'CMP-2026-00042-7',
    trackingCode: 'CMP-2026-00042-7',
    trackingUrl: 'https://cases.example.gov/complaints/follow?reference=CMP-2026-00042-7',
  },
  subject: 'mail.caseReceived.subject',
  body: [
    'mail.caseReceived.body.received',
    [REFERENCE_NUMBER, 'mail.caseReceived.body.trackingCode'],
    'mail.caseReceived.body.keepMessage',
    'mail.caseReceived.body.next',
  ],
});

export const complaintAccepted = defineTemplate({
  key: 'complaint.accepted',
  audience: 'worker',
  description:
    'To the complainant when an officer accepts the complaint: the first step is conciliation (a meeting with the agency, led by a ministry officer) which ends by a given day; they will be told the date; how to follow the case. Never carries the tracking secret.',
  example: {
    caseUrl: 'https://cases.example.gov/account/complaints/3b241101-e2bb-4255-8caf-4136c566a962',
    referenceNumber: 'CMP-2026-000123-K',
    conciliationEnds: mailDate('2026-08-14'),
  },
  subject: 'mail.complaintAccepted.subject',
  body: [
    'mail.complaintAccepted.body.accepted',
    REFERENCE_NUMBER,
    'mail.complaintAccepted.body.next',
    'mail.complaintAccepted.body.meetingDate',
    'mail.complaintAccepted.body.followCase',
  ],
  follow: COMPLAINT_FOLLOW,
});

export const complaintReferred = defineTemplate({
  key: 'complaint.referred',
  audience: 'worker',
  description:
    'To the complainant when an officer refers the complaint to another office: that office handles it and will contact them; the ministry has sent the file there; it is not a rejection.',
  example: {
    caseUrl: 'https://cases.example.gov/account/complaints/3b241101-e2bb-4255-8caf-4136c566a962',
    referenceNumber: 'CMP-2026-000123-K',
    referralTarget: 'Department of Migrant Workers, Regional Office VII',
  },
  subject: 'mail.complaintReferred.subject',
  body: [
    REFERENCE_NUMBER,
    'mail.complaintReferred.body.otherOffice',
    'mail.complaintReferred.body.fileSent',
    'mail.complaintReferred.body.notRejected',
    'mail.complaintReferred.body.keepReference',
  ],
  follow: COMPLAINT_FOLLOW,
});

export const complaintDismissed = defineTemplate({
  key: 'complaint.dismissed',
  audience: 'worker',
  description:
    'To the complainant when an officer dismisses the complaint (closed without action): the reason given; they may file again with new information, or ask the ministry to review it.',
  example: {
    caseUrl: 'https://cases.example.gov/account/complaints/3b241101-e2bb-4255-8caf-4136c566a962',
    referenceNumber: 'CMP-2026-000123-K',
    reason: 'The agency named in the complaint could not be identified.',
  },
  subject: 'mail.complaintDismissed.subject',
  body: [
    REFERENCE_NUMBER,
    'mail.complaintDismissed.body.closed',
    'mail.complaintDismissed.body.reason',
    'mail.complaintDismissed.body.whatYouCanDo',
    'mail.complaintDismissed.body.keepMessage',
  ],
  follow: COMPLAINT_FOLLOW,
});

export const complaintSettled = defineTemplate({
  key: 'complaint.settled',
  audience: 'worker',
  description:
    'To the complainant when a settlement is recorded in conciliation: the agency must comply by a given day; if it does not, tell the ministry (quoting the reference) and the case continues.',
  example: {
    caseUrl: 'https://cases.example.gov/account/complaints/3b241101-e2bb-4255-8caf-4136c566a962',
    referenceNumber: 'CMP-2026-000123-K',
    complyBy: mailDate('2026-09-30'),
  },
  subject: 'mail.complaintSettled.subject',
  body: [
    REFERENCE_NUMBER,
    'mail.complaintSettled.body.agreed',
    'mail.complaintSettled.body.complyBy',
    'mail.complaintSettled.body.ifNotDone',
    'mail.complaintSettled.body.keepReceipts',
  ],
  follow: COMPLAINT_FOLLOW,
});

export const complaintAdjudication = defineTemplate({
  key: 'complaint.adjudication',
  audience: 'worker',
  description:
    'To the complainant when the case goes to adjudication (conciliation failed or expired, or the settlement was not kept): an officer will decide the case by a given day; they may be asked to a hearing.',
  example: {
    caseUrl: 'https://cases.example.gov/account/complaints/3b241101-e2bb-4255-8caf-4136c566a962',
    referenceNumber: 'CMP-2026-000123-K',
    decisionDue: mailDate('2026-11-12'),
  },
  subject: 'mail.complaintAdjudication.subject',
  body: [
    REFERENCE_NUMBER,
    'mail.complaintAdjudication.body.noAgreement',
    'mail.complaintAdjudication.body.decisionDue',
    'mail.complaintAdjudication.body.hearing',
    'mail.complaintAdjudication.body.nothingToDo',
  ],
  follow: COMPLAINT_FOLLOW,
});

export const complaintHearing = defineTemplate({
  key: 'complaint.hearing',
  audience: 'worker',
  description:
    'To the complainant when a hearing is scheduled in adjudication: when and where; they may attend or ask to join by phone; bring documents and receipts.',
  example: {
    caseUrl: 'https://cases.example.gov/account/complaints/3b241101-e2bb-4255-8caf-4136c566a962',
    referenceNumber: 'CMP-2026-000123-K',
    hearingAt: mailDateTime('2026-09-08T02:00:00Z', 'Asia/Manila'),
    place: 'Ministry of Labour, Room 304, 1200 Quezon Avenue, Quezon City',
  },
  subject: 'mail.complaintHearing.subject',
  body: [
    REFERENCE_NUMBER,
    'mail.complaintHearing.body.hearingSet',
    'mail.complaintHearing.body.whenWhere',
    'mail.complaintHearing.body.attend',
    'mail.complaintHearing.body.pleaseBring',
  ],
  follow: COMPLAINT_FOLLOW,
});

export const complaintDecided = defineTemplate({
  key: 'complaint.decided',
  audience: 'worker',
  description:
    'To the complainant when the officer decides the case: the decision is in the case view; either side may appeal until a given day. Never carries the tracking secret.',
  example: {
    caseUrl: 'https://cases.example.gov/account/complaints/3b241101-e2bb-4255-8caf-4136c566a962',
    referenceNumber: 'CMP-2026-000123-K',
    appealBy: mailDate('2026-11-27'),
  },
  subject: 'mail.complaintDecided.subject',
  body: [
    REFERENCE_NUMBER,
    'mail.complaintDecided.body.decided',
    'mail.complaintDecided.body.readDecision',
    'mail.complaintDecided.body.appeal',
    'mail.complaintDecided.body.keepMessage',
  ],
  follow: COMPLAINT_FOLLOW,
});

export const complaintClosed = defineTemplate({
  key: 'complaint.closed',
  audience: 'worker',
  description:
    'To the complainant when the case is closed after a settlement was kept or a decision became final: what was decided is in the case view; keep the reference.',
  example: { caseUrl: 'https://cases.example.gov/account/complaints/3b241101-e2bb-4255-8caf-4136c566a962', referenceNumber: 'CMP-2026-000123-K' },
  subject: 'mail.complaintClosed.subject',
  body: [
    REFERENCE_NUMBER,
    'mail.complaintClosed.body.closed',
    'mail.complaintClosed.body.readDecision',
    'mail.complaintClosed.body.keepReference',
    'mail.complaintClosed.body.thanks',
  ],
  follow: COMPLAINT_FOLLOW,
});

export const complaintAssigned = defineTemplate({
  key: 'complaint.assigned',
  audience: 'staff',
  description: 'To the inspector a complaint is assigned to: its priority (urgent or normal) and when triage (accept, refer or dismiss) is due.',
  example: {
    referenceNumber: 'CMP-2026-000123-K',
    priority: mailTerm('mail.term.priority.urgent'),
    triageDue: mailDateTime('2026-07-15T09:00:00Z', 'Asia/Manila'),
  },
  subject: 'mail.complaintAssigned.subject',
  body: ['mail.complaintAssigned.body.assigned', 'mail.complaintAssigned.body.priorityTriage', 'mail.complaintAssigned.body.pleaseReview'],
});

export const complaintAssignmentsDigest = defineTemplate({
  key: 'complaint.assignments-digest',
  audience: 'staff',
  description:
    'To an inspector, every COMPLAINTS_ASSIGNMENT_DIGEST_MINUTES when cases were assigned to them meanwhile (instead of one mail per case): how many, the urgent ones first, ' +
    'each as its reference number and allegation categories (`urgentCases` / `otherCases`: `CMP-… (category, …); …`, at most 50 named, `—` when none). Never anything of the complainant.',
  example: {
    count: 3,
    urgentCount: 1,
    urgentCases: 'CMP-2026-000123-K (retained-documents)',
    otherCases: 'CMP-2026-000124-3 (unpaid-wages); CMP-2026-000125-1 (excess-fees, other)',
  },
  subject: 'mail.complaintAssignmentsDigest.subject',
  body: [
    'mail.complaintAssignmentsDigest.body.intro',
    ['mail.complaintAssignmentsDigest.body.urgent', 'mail.complaintAssignmentsDigest.body.others'],
    'mail.complaintAssignmentsDigest.body.triage',
    'mail.complaintAssignmentsDigest.body.privacy',
  ],
});

export const complaintComplianceDeclared = defineTemplate({
  key: 'complaint.compliance-declared',
  audience: 'staff',
  description:
    'To the inspector of a settled case (the supervisors when it is unassigned) when the agency declares it complied with the settlement: which agency, which case and the compliance day; the statement and any proof are on the case, where the officer records the compliance (`comply`) or the breach. Never the statement itself.',
  example: { referenceNumber: 'CMP-2026-000123-K', agencyName: 'Bayanihan Manpower Services Inc.', complyBy: mailDate('2026-04-30') },
  subject: 'mail.complaintComplianceDeclared.subject',
  body: ['mail.complaintComplianceDeclared.body.declared', 'mail.complaintComplianceDeclared.body.review'],
});

export const complaintAppealLodged = defineTemplate({
  key: 'complaint.appeal-lodged',
  audience: 'worker',
  description:
    'To the complainant when the agency appeals the decision on their complaint: the decision waits for the appeal. Never carries the tracking secret.',
  example: { caseUrl: 'https://cases.example.gov/account/complaints/3b241101-e2bb-4255-8caf-4136c566a962', referenceNumber: 'CMP-2026-000123-K' },
  subject: 'mail.complaintAppealLodged.subject',
  body: [REFERENCE_NUMBER, 'mail.complaintAppealLodged.body.appealed', 'mail.complaintAppealLodged.body.next'],
  follow: COMPLAINT_FOLLOW,
});

export const complaintRefundOrdered = defineTemplate({
  key: 'complaint.refund-ordered',
  audience: 'worker',
  description:
    'To the complainant when the final decision on their complaint orders the agency to pay them back: the amount, the refund order and the day it is due; paid from the escrow if the agency does not pay. Never carries the tracking secret.',
  example: {
    caseUrl: 'https://cases.example.gov/account/complaints/3b241101-e2bb-4255-8caf-4136c566a962',
    referenceNumber: 'CMP-2026-000123-K',
    amount: mailMoney('4500000', 'PHP'),
    refundReference: 'RO-2026-000042',
    dueDate: mailDate('2026-12-08'),
  },
  subject: 'mail.complaintRefundOrdered.subject',
  body: [REFERENCE_NUMBER, 'mail.complaintRefundOrdered.body.ordered', 'mail.complaintRefundOrdered.body.due', 'mail.complaintRefundOrdered.body.contact'],
  follow: COMPLAINT_FOLLOW,
});
