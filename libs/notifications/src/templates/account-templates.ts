/**
 * Mail about accounts.
 * Texts: libs/i18n/src/messages/mail/<language>.json.
 */
import { defineTemplate } from './template.types';

export const accountWelcome = defineTemplate({
  key: 'account.welcome',
  audience: 'worker',
  description:
    'To a migrant worker once their account exists (self-registration or created for them).',
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
