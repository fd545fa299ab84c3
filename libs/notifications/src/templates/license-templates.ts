/**
 * Mail to an agency's admins about its license applications and its license's state.
 * Texts: libs/i18n/src/messages/mail/<language>.json.
 */
import { mailDate } from './mail-values';
import { defineTemplate } from './template.types';

export const licenseApplicationReturned = defineTemplate({
  key: 'license.application-returned',
  audience: 'agency',
  description: "To an agency's admins when an inspector returns its license application (new or renewal) for correction, with the items to fix.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', items: 'The business permit has expired; Sign the financial statement' },
  subject: 'mail.licenseApplicationReturned.subject',
  body: ['mail.licenseApplicationReturned.body.returned', 'mail.licenseApplicationReturned.body.items', 'mail.licenseApplicationReturned.body.resubmit'],
});

export const licenseApplicationApproved = defineTemplate({
  key: 'license.application-approved',
  audience: 'agency',
  description: "To an agency's admins when a supervisor approves its license application: the license issued (or renewed) and its last day.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', licenseNumber: 'PH-LRA-2026-00042-7', expiresOn: mailDate('2028-03-01') },
  subject: 'mail.licenseApplicationApproved.subject',
  body: ['mail.licenseApplicationApproved.body.approved', 'mail.licenseApplicationApproved.body.validUntil'],
});

export const licenseApplicationRejected = defineTemplate({
  key: 'license.application-rejected',
  audience: 'agency',
  description: "To an agency's admins when a supervisor rejects its license application, with the reasons.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', reasons: 'The escrow deposit was not made.' },
  subject: 'mail.licenseApplicationRejected.subject',
  body: [
    'mail.licenseApplicationRejected.body.rejected',
    'mail.licenseApplicationRejected.body.reasons',
    'mail.licenseApplicationRejected.body.newApplication',
  ],
});

export const licenseSuspended = defineTemplate({
  key: 'license.suspended',
  audience: 'agency',
  description:
    "To an agency's admins when its license is suspended (by a supervisor or a final case decision, also a further suspension after the current one): until when, and the ground.",
  example: {
    agencyName: 'Bayanihan Manpower Services Inc.',
    licenseNumber: 'PH-LRA-2026-00042-7',
    until: mailDate('2026-06-30'),
    reason: 'Decision in case CMP-2026-00042-7',
  },
  subject: 'mail.licenseSuspended.subject',
  body: ['mail.licenseSuspended.body.suspended', 'mail.licenseSuspended.body.reason', 'mail.licenseSuspended.body.noPlacements'],
});

export const licenseReinstated = defineTemplate({
  key: 'license.reinstated',
  audience: 'agency',
  description: "To an agency's admins when its license's suspension ends (reinstated early by a supervisor, or at its end): the license is active again.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', licenseNumber: 'PH-LRA-2026-00042-7' },
  subject: 'mail.licenseReinstated.subject',
  body: ['mail.licenseReinstated.body.active', 'mail.licenseReinstated.body.mayPlace'],
});

export const licenseRevoked = defineTemplate({
  key: 'license.revoked',
  audience: 'agency',
  description: "To an agency's admins when its license is revoked (by a supervisor or a final case decision), with the ground.",
  example: { agencyName: 'Bayanihan Manpower Services Inc.', licenseNumber: 'PH-LRA-2026-00042-7', reason: 'Decision in case CMP-2026-00042-7' },
  subject: 'mail.licenseRevoked.subject',
  body: ['mail.licenseRevoked.body.revoked', 'mail.licenseRevoked.body.reason', 'mail.licenseRevoked.body.stop'],
});
