import { DEV_ONLY_FIELD_ENCRYPTION_KEYS, DEV_ONLY_FIELD_INDEX_KEY, FieldEncryption } from '@app/common';
import { prepareMessage } from '../message-input';
import { mailSecretLink } from './mail-values';
import { NotificationTemplateError, renderTemplate } from './render';
import { sealSecretLinks, secretLinkAad, secretLinkOpener } from './secret-links';

const crypto = FieldEncryption.fromSettings({
  NODE_ENV: 'test',
  FIELD_ENCRYPTION_KEYS: DEV_ONLY_FIELD_ENCRYPTION_KEYS,
  FIELD_INDEX_KEY: DEV_ONLY_FIELD_INDEX_KEY,
});
const url = 'https://portal.example.gov/account/reset-password?token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
const message = {
  to: { address: 'maria@example.com' },
  template: 'account.password-reset' as const,
  language: 'ne' as const,
  data: { displayName: 'Maria', resetUrl: mailSecretLink(url), validMinutes: 60 },
  dedupKey: 'k',
};

describe('secret links in the outbox', () => {
  it('are sealed before they are stored: the stored data holds no trace of the link', () => {
    const stored = sealSecretLinks(crypto, message.template, prepareMessage(message).data);
    expect(JSON.stringify(stored)).not.toContain('token=');
    expect(stored.resetUrl).toEqual({ sealed: expect.stringMatching(/^v1\.dev\./) });
    expect(stored.displayName).toBe('Maria');
  });

  it('are opened only by the relay (with the keys), and then written into the mail', () => {
    const stored = sealSecretLinks(crypto, message.template, prepareMessage(message).data);
    expect(() => renderTemplate(message.template, 'ne', stored)).toThrow(NotificationTemplateError);
    const mail = renderTemplate(message.template, 'ne', stored, { unseal: secretLinkOpener(crypto, message.template) });
    expect(mail.text).toContain(url);
    expect(mail.html).toContain(`href="${url.replace(/&/g, '&amp;')}"`);
  });

  it("do not open as another template's or another variable's value, and a broken one fails for good", () => {
    const envelope = crypto.encrypt(url, secretLinkAad('account.password-reset', 'resetUrl'));
    expect(() => secretLinkOpener(crypto, 'account.verify-email')(envelope, 'resetUrl')).toThrow(NotificationTemplateError);
    expect(() => secretLinkOpener(crypto, 'account.password-reset')(envelope, 'verifyUrl')).toThrow(NotificationTemplateError);
    expect(secretLinkOpener(crypto, 'account.password-reset')(envelope, 'resetUrl')).toBe(url);
  });

  it('must be one http(s) address', () => {
    expect(() => prepareMessage({ ...message, data: { ...message.data, resetUrl: mailSecretLink('javascript:alert(1)') } })).toThrow(
      /secretLink must be one http/,
    );
  });
});
