import { FieldDecryptionError } from '@app/common';
import { NotificationTemplateError } from '../templates/render';
import { describeSendError } from './send-error';

const smtpError = (props: Record<string, unknown>) => Object.assign(new Error('failed'), props);

describe('describeSendError', () => {
  it('retries a temporary refusal (4xx)', () => {
    const f = describeSendError(smtpError({ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO', response: '451 4.3.0 try later' }));
    expect(f).toEqual({ message: 'EENVELOPE 451 at RCPT TO: 451 4.3.0 try later', permanent: false });
  });

  it('gives up at once on a recipient refused for good (5xx at RCPT TO)', () => {
    expect(describeSendError(smtpError({ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 no such user' })).permanent).toBe(true);
  });

  it('retries server-wide 5xx answers that a fixed configuration cures (AUTH, MAIL FROM) and connection errors', () => {
    expect(describeSendError(smtpError({ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' })).permanent).toBe(false);
    expect(describeSendError(smtpError({ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' })).permanent).toBe(false);
    expect(describeSendError(smtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1025' })).permanent).toBe(false);
  });

  it('gives up at once on a template that no longer renders', () => {
    expect(describeSendError(new NotificationTemplateError('unknown template')).permanent).toBe(true);
  });

  it('keeps credentials out and stays short', () => {
    const f = describeSendError(smtpError({ code: 'ECONNECTION', message: `cannot reach smtps://mailer:hunter2@mail.example.org ${'x'.repeat(2000)}` }));
    expect(f.message).not.toContain('hunter2');
    expect(f.message).toContain('smtps://[redacted]@mail.example.org');
    expect(f.message.length).toBeLessThanOrEqual(500);
  });

  it('never keeps an address: the recipient and anything shaped like an address become [address]', () => {
    const to = 'Rosa.Mendoza@workers.test';
    const f = describeSendError(
      smtpError({
        code: 'EENVELOPE',
        responseCode: 550,
        command: 'RCPT TO',
        response: '550 5.1.1 <rosa.mendoza@workers.test>: Recipient address rejected; also tried other.person@example.org',
      }),
      to,
    );
    expect(f.message).toBe('EENVELOPE 550 at RCPT TO: 550 5.1.1 <[address]>: Recipient address rejected; also tried [address]');
    expect(describeSendError(new NotificationTemplateError(`cannot render for ${to}`), to).message).toBe('notifications: cannot render for [address]');
  });

  it('a sealed value that does not open fails at once, but a key missing from FIELD_ENCRYPTION_KEYS is retried (configuration cures it)', () => {
    expect(describeSendError(new FieldDecryptionError('authentication-failed', 'notification:x:recipient', 'k1'))).toEqual({
      message: 'FieldDecryptionError authentication-failed (key id k1)',
      permanent: true,
    });
    expect(describeSendError(new FieldDecryptionError('unknown-key', 'notification:x:recipient', 'k9')).permanent).toBe(false);
  });
});
