/**
 * Mail to an agency's admins about its escrow and its license.
 * Texts: libs/i18n/src/messages/mail/<language>.json.
 */
import { mailDate, mailMoney } from './mail-values';
import { defineTemplate } from './template.types';

export const escrowHoldPlaced = defineTemplate({
  key: 'escrow.hold-placed',
  audience: 'agency',
  description:
    "To an agency's admins when its escrow stayed below the requirement past the top-up deadline: the agency is on a processing hold until the escrow is topped up.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    balance: mailMoney('75000000', 'PHP'),
    required: mailMoney('100000000', 'PHP'),
    shortfall: mailMoney('25000000', 'PHP'),
  },
  subject: 'mail.escrowHoldPlaced.subject',
  body: ['mail.escrowHoldPlaced.body.notToppedUp', 'mail.escrowHoldPlaced.body.amounts', 'mail.escrowHoldPlaced.body.hold'],
});

export const licenseRenewalReminder = defineTemplate({
  key: 'license.renewal-reminder',
  audience: 'agency',
  description: "To an agency's admins 90, 60, 30 and 7 days (settings) before its license's last day, while no renewal has been filed.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', licenseNumber: 'PH-LRA-2026-00042-7', expiresOn: mailDate('2030-03-01'), daysLeft: 30 },
  subject: 'mail.licenseRenewalReminder.subject',
  body: ['mail.licenseRenewalReminder.body.expires', 'mail.licenseRenewalReminder.body.fileRenewal'],
});
