/**
 * Mail about accounts.
 * Texts: libs/i18n/src/messages/mail/<language>.json.
 */
import { defineTemplate } from './template.types';

export const accountWelcome = defineTemplate({
  key: 'account.welcome',
  audience: 'worker',
  description: 'To a migrant worker once their account exists (self-registration or created for them).',
  example: { displayName: 'Maria Santos', signInUrl: 'https://cases.example.gov/sign-in' },
  subject: 'mail.accountWelcome.subject',
  body: [
    'mail.accountWelcome.body.hello',
    'mail.accountWelcome.body.created',
    'mail.accountWelcome.body.uses',
    'mail.accountWelcome.body.neverShare',
    'mail.accountWelcome.body.notYou',
  ],
});

/** The links below open an account by themselves: callers pass them as `mailSecretLink(url)`, and the outbox holds them sealed. */
export const accountVerifyEmail = defineTemplate({
  key: 'account.verify-email',
  audience: 'worker',
  description: 'To the address a worker registered with: the single-use link that confirms it and creates the account (POST /auth/verify-email).',
  example: { displayName: 'Maria Santos', verifyUrl: { secretLink: 'https://cases.example.gov/account/verify-email?token=Q2hhbmdlIG1l' }, validHours: 48 },
  subject: 'mail.accountVerifyEmail.subject',
  body: [
    'mail.accountVerifyEmail.body.hello',
    'mail.accountVerifyEmail.body.confirm',
    'mail.accountVerifyEmail.body.expires',
    'mail.accountVerifyEmail.body.notYou',
  ],
});

export const accountPasswordReset = defineTemplate({
  key: 'account.password-reset',
  audience: 'worker',
  description:
    'To an account that asked for a password reset: the single-use link to choose a new password (POST /auth/password-reset/confirm). Any account, whatever its role.',
  example: { displayName: 'Maria Santos', resetUrl: { secretLink: 'https://cases.example.gov/account/reset-password?token=Q2hhbmdlIG1l' }, validMinutes: 60 },
  subject: 'mail.accountPasswordReset.subject',
  body: [
    'mail.accountPasswordReset.body.hello',
    'mail.accountPasswordReset.body.reset',
    'mail.accountPasswordReset.body.expires',
    'mail.accountPasswordReset.body.notYou',
  ],
});

export const accountStaffInvitation = defineTemplate({
  key: 'account.staff-invitation',
  audience: 'agency',
  description:
    'To the address an agency admin invited to a staff account: the single-use link to accept and choose a password (POST /auth/invitations/accept).',
  example: {
    displayName: 'Juan Dela Cruz',
    agencyName: 'Manila Overseas Placement Inc.',
    acceptUrl: { secretLink: 'https://cases.example.gov/account/invitation?token=Q2hhbmdlIG1l' },
    validDays: 7,
  },
  subject: 'mail.accountStaffInvitation.subject',
  body: [
    'mail.accountStaffInvitation.body.hello',
    'mail.accountStaffInvitation.body.invited',
    'mail.accountStaffInvitation.body.expires',
    'mail.accountStaffInvitation.body.notYou',
  ],
});

export const accountAgencyRegistration = defineTemplate({
  key: 'account.agency-registration',
  audience: 'agency',
  description:
    "To the first admin's address of a new agency's registration: the single-use link that confirms it and creates the agency and the account (POST /agency-registrations/verify).",
  example: {
    displayName: 'Ligaya Ramos',
    agencyName: 'Bagong Araw Manpower Services Inc.',
    verifyUrl: { secretLink: 'https://cases.example.gov/agency/register/verify?token=Q2hhbmdlIG1l' },
    validHours: 48,
  },
  subject: 'mail.accountAgencyRegistration.subject',
  body: [
    'mail.accountAgencyRegistration.body.hello',
    'mail.accountAgencyRegistration.body.confirm',
    'mail.accountAgencyRegistration.body.expires',
    'mail.accountAgencyRegistration.body.notYou',
  ],
});
