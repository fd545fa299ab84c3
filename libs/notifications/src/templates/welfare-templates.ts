/**
 * Mail to a welfare-fund claimant at each step of the claim.
 * Texts: libs/i18n/src/messages/mail/<language>.json.
 */
import { mailDate, mailMoney, mailTerm } from './mail-values';
import { REFERENCE_NUMBER, defineTemplate } from './template.types';

/** The claim's page in the claimant's account (`claimUrl`), when the mail carries it. */
const WELFARE_FOLLOW = { message: 'mail.welfareCommon.follow', variable: 'claimUrl' } as const;

export const welfareClaimReceived = defineTemplate({
  key: 'welfare.claim-received',
  audience: 'worker',
  description:
    'To the claimant (the worker, or a family member for a death benefit) when a welfare-fund claim is filed: its reference number and type; a welfare officer will review it and a decision is due by a given day; keep the reference.',
  example: {
    referenceNumber: 'WC-2026-000057-7',
    claimUrl: 'https://cases.example.gov/account/welfare/claims/3b241101-e2bb-4255-8caf-4136c566a962',
    claimType: mailTerm('mail.term.claimType.death:accidental'),
    decisionDue: mailDate('2026-09-30'),
  },
  subject: 'mail.welfareClaimReceived.subject',
  body: [
    'mail.welfareClaimReceived.body.received',
    [REFERENCE_NUMBER, 'mail.welfareClaimReceived.body.claimType'],
    'mail.welfareClaimReceived.body.next',
    'mail.welfareClaimReceived.body.keepReference',
  ],
  follow: WELFARE_FOLLOW,
});

export const welfareDocumentsRequested = defineTemplate({
  key: 'welfare.documents-requested',
  audience: 'worker',
  description:
    'To the claimant when the welfare officer asks for documents before deciding: the documents (a comma-separated list, in words); upload them in the account or bring them to the office; the time limit for the decision is paused until they arrive.',
  example: {
    referenceNumber: 'WC-2026-000057-7',
    claimUrl: 'https://cases.example.gov/account/welfare/claims/3b241101-e2bb-4255-8caf-4136c566a962',
    documents: 'Death certificate (local or foreign), Proof of relationship to the worker (marriage certificate, birth certificate)',
  },
  subject: 'mail.welfareDocumentsRequested.subject',
  body: [
    REFERENCE_NUMBER,
    'mail.welfareDocumentsRequested.body.documents',
    'mail.welfareDocumentsRequested.body.howToSend',
    'mail.welfareDocumentsRequested.body.paused',
  ],
  follow: WELFARE_FOLLOW,
});

export const welfareClaimApproved = defineTemplate({
  key: 'welfare.claim-approved',
  audience: 'worker',
  description:
    'To the claimant when the welfare-fund claim is approved: the amount; the money will be sent to the payout account they gave; they will be told when it is sent; nothing to do now.',
  example: {
    referenceNumber: 'WC-2026-000057-7',
    claimUrl: 'https://cases.example.gov/account/welfare/claims/3b241101-e2bb-4255-8caf-4136c566a962',
    amount: mailMoney('20000000', 'PHP'),
  },
  subject: 'mail.welfareClaimApproved.subject',
  body: [REFERENCE_NUMBER, 'mail.welfareClaimApproved.body.approved', 'mail.welfareClaimApproved.body.next', 'mail.welfareClaimApproved.body.nothingToDo'],
  follow: WELFARE_FOLLOW,
});

export const welfareClaimRejected = defineTemplate({
  key: 'welfare.claim-rejected',
  audience: 'worker',
  description:
    'To the claimant when the welfare-fund claim is not approved: the reason given; with new information or documents they may ask the office to look at the claim again.',
  example: {
    referenceNumber: 'WC-2026-000057-7',
    claimUrl: 'https://cases.example.gov/account/welfare/claims/3b241101-e2bb-4255-8caf-4136c566a962',
    reason: 'The worker was not a member of the fund on the date of the accident.',
  },
  subject: 'mail.welfareClaimRejected.subject',
  body: [
    REFERENCE_NUMBER,
    'mail.welfareClaimRejected.body.notApproved',
    'mail.welfareClaimRejected.body.reason',
    'mail.welfareClaimRejected.body.whatYouCanDo',
    'mail.welfareClaimRejected.body.keepMessage',
  ],
  follow: WELFARE_FOLLOW,
});

export const welfareClaimDisbursed = defineTemplate({
  key: 'welfare.claim-disbursed',
  audience: 'worker',
  description:
    'To the claimant when the approved amount has been sent to their payout account: it may take a few days to arrive; tell the office, with the reference number, if it has not arrived.',
  example: {
    referenceNumber: 'WC-2026-000057-7',
    claimUrl: 'https://cases.example.gov/account/welfare/claims/3b241101-e2bb-4255-8caf-4136c566a962',
    amount: mailMoney('20000000', 'PHP'),
  },
  subject: 'mail.welfareClaimDisbursed.subject',
  body: [REFERENCE_NUMBER, 'mail.welfareClaimDisbursed.body.sent', 'mail.welfareClaimDisbursed.body.fewDays', 'mail.welfareClaimDisbursed.body.notArrived'],
  follow: WELFARE_FOLLOW,
});

export const welfareClaimPaid = defineTemplate({
  key: 'welfare.claim-paid',
  audience: 'worker',
  description: 'To the claimant when the payment of the welfare-fund claim is confirmed: the amount and the payment reference; the claim is complete.',
  example: {
    referenceNumber: 'WC-2026-000057-7',
    claimUrl: 'https://cases.example.gov/account/welfare/claims/3b241101-e2bb-4255-8caf-4136c566a962',
    amount: mailMoney('20000000', 'PHP'),
    paidReference: 'TRX-20260914-88213',
  },
  subject: 'mail.welfareClaimPaid.subject',
  body: [REFERENCE_NUMBER, 'mail.welfareClaimPaid.body.confirmed', 'mail.welfareClaimPaid.body.paymentReference', 'mail.welfareClaimPaid.body.complete'],
  follow: WELFARE_FOLLOW,
});
