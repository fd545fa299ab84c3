/**
 * Mail about a complaint to the admins of the agency it concerns.
 * Texts: libs/i18n/src/messages/mail/<language>.json.
 */
import { mailDate, mailDateTime, mailMoney } from './mail-values';
import { defineTemplate } from './template.types';

export const complaintAgencyFiled = defineTemplate({
  key: 'complaint.agency-filed',
  audience: 'agency',
  description:
    "To an agency's admins when a complaint concerning the agency is accepted: conciliation and when it ends; the allegations and shared notes are in the agency account, where it responds; it must not contact or pressure the complainant (retaliation is a serious offence).",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', referenceNumber: 'CMP-2026-000123-K', conciliationEnds: mailDate('2026-08-14') },
  subject: 'mail.complaintAgencyFiled.subject',
  body: [
    'mail.complaintAgencyFiled.body.accepted',
    'mail.complaintAgencyFiled.body.reference',
    'mail.complaintAgencyFiled.body.conciliation',
    'mail.complaintAgencyFiled.body.readAllegations',
    'mail.complaintAgencyFiled.body.noContact',
  ],
});

export const complaintAgencyAnswerDue = defineTemplate({
  key: 'complaint.agency-answer-due',
  audience: 'agency',
  description:
    "To an agency's admins when a complaint concerning the agency goes to adjudication: file the written answer through the agency account by a given day; without one the case is decided on the evidence available.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', referenceNumber: 'CMP-2026-000123-K', answerDue: mailDate('2026-09-04') },
  subject: 'mail.complaintAgencyAnswerDue.subject',
  body: ['mail.complaintAgencyAnswerDue.body.adjudication', 'mail.complaintAgencyAnswerDue.body.mustFile', 'mail.complaintAgencyAnswerDue.body.noAnswer'],
});

export const complaintAgencyHearing = defineTemplate({
  key: 'complaint.agency-hearing',
  audience: 'agency',
  description: "To an agency's admins when a hearing is scheduled on a complaint concerning the agency: when and where, who to send and what to bring.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    referenceNumber: 'CMP-2026-000123-K',
    hearingAt: mailDateTime('2026-09-08T02:00:00Z', 'Asia/Manila'),
    place: 'Ministry of Labour, Room 304, 1200 Quezon Avenue, Quezon City',
  },
  subject: 'mail.complaintAgencyHearing.subject',
  body: [
    'mail.complaintAgencyHearing.body.hearingScheduled',
    'mail.complaintAgencyHearing.body.whenWhere',
    'mail.complaintAgencyHearing.body.sendRepresentative',
    'mail.complaintAgencyHearing.body.noContact',
  ],
});

export const complaintAgencyDecided = defineTemplate({
  key: 'complaint.agency-decided',
  audience: 'agency',
  description:
    "To an agency's admins when a complaint concerning the agency is decided: findings and sanctions are in the agency account; it may appeal until a given day; sanctions take effect when the appeal window lapses or the appeal is decided.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', referenceNumber: 'CMP-2026-000123-K', appealBy: mailDate('2026-11-27') },
  subject: 'mail.complaintAgencyDecided.subject',
  body: [
    'mail.complaintAgencyDecided.body.decisionMade',
    'mail.complaintAgencyDecided.body.readFindings',
    'mail.complaintAgencyDecided.body.mayAppeal',
    'mail.complaintAgencyDecided.body.sanctions',
  ],
});

export const complaintFineImposed = defineTemplate({
  key: 'complaint.fine-imposed',
  audience: 'agency',
  description:
    "To an agency's admins when a final decision on a complaint imposes a fine: the amount, its reference and the day to pay by; unpaid, it blocks license applications and renewals.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    referenceNumber: 'CMP-2026-000123-K',
    fineReference: 'FN-2026-000007',
    amount: mailMoney('5000000', 'PHP'),
    dueDate: mailDate('2026-12-31'),
  },
  subject: 'mail.complaintFineImposed.subject',
  body: ['mail.complaintFineImposed.body.imposed', 'mail.complaintFineImposed.body.pay', 'mail.complaintFineImposed.body.clearance'],
});

export const complaintFineDeclarationRejected = defineTemplate({
  key: 'complaint.fine-declaration-rejected',
  audience: 'agency',
  description:
    "To an agency's admins when the ministry rejected the payment the agency declared (with proof) for a fine: the reason, that the fine is open again and still owed by its due date (it blocks license clearance meanwhile), and how to declare again.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    referenceNumber: 'CMP-2026-000123-K',
    fineReference: 'FN-2026-000007',
    amount: mailMoney('5000000', 'PHP'),
    paymentReference: 'LBP-2026-55231',
    reason: 'The receipt is for a different fine.',
    dueDate: mailDate('2026-12-31'),
  },
  subject: 'mail.complaintFineDeclarationRejected.subject',
  body: [
    'mail.complaintFineDeclarationRejected.body.rejected',
    'mail.complaintFineDeclarationRejected.body.reason',
    'mail.complaintFineDeclarationRejected.body.stillOwed',
    'mail.complaintFineDeclarationRejected.body.next',
  ],
});

export const complaintAgencyAppealLodged = defineTemplate({
  key: 'complaint.agency-appeal-lodged',
  audience: 'agency',
  description:
    "To an agency's admins when the decision on a complaint concerning the agency is appealed by the other side (lodged by the ministry for the complainant).",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', referenceNumber: 'CMP-2026-000123-K' },
  subject: 'mail.complaintAgencyAppealLodged.subject',
  body: ['mail.complaintAgencyAppealLodged.body.appealed', 'mail.complaintAgencyAppealLodged.body.next'],
});

export const inspectionAgencyNotified = defineTemplate({
  key: 'inspection.agency-notified',
  audience: 'agency',
  description:
    "To an agency's admins when the ministry notifies the agency of an inspection: its reference and the day it is planned for; from then on the agency sees it in its account.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', inspectionReference: 'INS-2026-000007', plannedFor: mailDate('2026-03-09') },
  subject: 'mail.inspectionAgencyNotified.subject',
  body: ['mail.inspectionAgencyNotified.body.notified', 'mail.inspectionAgencyNotified.body.prepare'],
});
