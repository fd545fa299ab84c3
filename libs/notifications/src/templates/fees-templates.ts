/**
 * Mail about refund orders: to the agency that must pay, and to the worker it must pay.
 * Texts: libs/i18n/src/messages/mail/<language>.json.
 */
import { mailDate, mailMoney } from './mail-values';
import { defineTemplate } from './template.types';

export const feesRefundOrdered = defineTemplate({
  key: 'fees.refund-ordered',
  audience: 'agency',
  description:
    "To an agency's admins when the ministry's automatic fee assessment found that a worker was charged more than the rules allow and a refund order was opened: what to pay back, to whom, by when, and what happens if it is not paid.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    reference: 'RO-2026-000042',
    workerName: 'Maria Santos',
    placementReference: 'PLC-118',
    amount: mailMoney('1522388', 'PHP'),
    dueDate: mailDate('2026-12-08'),
    violations: 'placement fee over the cap; medical examination over its cap',
  },
  subject: 'mail.feesRefundOrdered.subject',
  body: [
    'mail.feesRefundOrdered.body.assessment',
    'mail.feesRefundOrdered.body.details',
    'mail.feesRefundOrdered.body.payBack',
    'mail.feesRefundOrdered.body.ifUnpaid',
    'mail.feesRefundOrdered.body.declaredWrongly',
  ],
});

export const feesRefundOverdue = defineTemplate({
  key: 'fees.refund-overdue',
  audience: 'agency',
  description:
    "To an agency's admins when a refund order's due date passed unpaid: the order is overdue and escalated to the ministry, blocks license renewal clearance until paid, and may lead to garnishment from the escrow and sanctions.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    reference: 'RO-2026-000042',
    workerName: 'Maria Santos',
    amount: mailMoney('1522388', 'PHP'),
    dueDate: mailDate('2026-12-08'),
  },
  subject: 'mail.feesRefundOverdue.subject',
  body: [
    'mail.feesRefundOverdue.body.overdue',
    'mail.feesRefundOverdue.body.details',
    'mail.feesRefundOverdue.body.escalated',
    'mail.feesRefundOverdue.body.payBack',
  ],
});

export const feesRefundDeclarationRejected = defineTemplate({
  key: 'fees.refund-declaration-rejected',
  audience: 'agency',
  description:
    "To an agency's admins when the ministry rejected the payment the agency declared (with proof) for a refund order: the reason, that the order is open again and still owed by its due date (past it, recoverable from escrow), and how to declare again.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    reference: 'RO-2026-000042',
    amount: mailMoney('1522388', 'PHP'),
    paymentReference: 'GCASH-7781-2231',
    reason: 'The receipt shows a different amount than the order.',
    dueDate: mailDate('2026-12-08'),
  },
  subject: 'mail.feesRefundDeclarationRejected.subject',
  body: [
    'mail.feesRefundDeclarationRejected.body.rejected',
    'mail.feesRefundDeclarationRejected.body.reason',
    'mail.feesRefundDeclarationRejected.body.stillOwed',
    'mail.feesRefundDeclarationRejected.body.next',
  ],
});

export const feesRefundOrderedWorker = defineTemplate({
  key: 'fees.refund-ordered-worker',
  audience: 'worker',
  description:
    "To the worker when the ministry's fee assessment of their placement found they were charged more than allowed and the agency was ordered to pay them back: nothing to do now, keep receipts, contact the ministry with the reference if unpaid or pressured; the agency may not punish them.",
  example: {
    workerName: 'Maria Santos',
    agencyName: 'Bayanihan Manpower Services Inc.',
    amount: mailMoney('1522388', 'PHP'),
    dueDate: mailDate('2026-12-08'),
    reference: 'RO-2026-000042',
    placementUrl: 'https://cases.example.gov/account/placements/3b241101-e2bb-4255-8caf-4136c566a962',
  },
  subject: 'mail.feesRefundOrderedWorker.subject',
  body: [
    'mail.feesRefundOrderedWorker.body.hello',
    'mail.feesRefundOrderedWorker.body.checked',
    'mail.feesRefundOrderedWorker.body.ordered',
    'mail.feesRefundOrderedWorker.body.nothingToDo',
    'mail.feesRefundOrderedWorker.body.keepReceipts',
    'mail.feesRefundOrderedWorker.body.contactMinistry',
    'mail.feesRefundOrderedWorker.body.noPunishment',
  ],
  // The placement's page in the worker's account: the fees declared, the assessment and the refund order.
  follow: { message: 'mail.feesCommon.follow', variable: 'placementUrl' },
});
