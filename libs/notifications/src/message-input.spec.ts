import { NotificationMessage, prepareMessage } from './message-input';
import { NotificationTemplateError } from './templates/render';

const valid: NotificationMessage = {
  to: ' worker@example.org ',
  template: 'case.received',
  language: 'ne',
  data: { referenceNumber: 'LC-1', trackingCode: 'AB-CD', trackingUrl: 'https://x.example/track' },
  dedupKey: 'case.received:1',
};

describe('prepareMessage', () => {
  it('accepts a valid message, trimming the address and keeping the language', () => {
    expect(prepareMessage(valid)).toEqual({
      recipient: 'worker@example.org',
      recipientUserId: null,
      template: 'case.received',
      language: 'ne',
      data: valid.data,
      dedupKey: 'case.received:1',
    });
  });

  it('defaults to English, and falls back to English for a staff template', () => {
    expect(prepareMessage({ ...valid, language: undefined }).language).toBe('en');
    const staff = prepareMessage({ ...valid, template: 'deadline.reminder', data: { subjectLabel: 'Case 1', dueAt: 'tomorrow' } });
    expect(staff.language).toBe('en');
  });

  it.each<[string, Partial<NotificationMessage>, RegExp]>([
    ['an unknown template', { template: 'nope' as never }, /unknown template/],
    ['a missing variable', { data: { referenceNumber: 'LC-1', trackingCode: 'x' } }, /cannot render/],
    ['a variable the template does not use', { data: { ...valid.data, passportNumber: 'P123' } }, /not used by template/],
    ['a secret-looking key', { data: { ...valid.data, resetToken: 'abc' } }, /looks like a secret/],
    ['a non-scalar value', { data: { ...valid.data, trackingCode: { a: 1 } } }, /string or a finite number/],
    ['two addresses', { to: 'a@example.org, b@example.org' }, /one email address/],
    ['a header injection', { to: 'a@example.org\r\nBcc: b@example.org' }, /one email address/],
    ['no address', { to: '' }, /one email address/],
    ['an empty dedup key', { dedupKey: ' ' }, /dedupKey/],
    ['an unknown language', { language: 'xx' as never }, /unknown language/],
    ['a user id that is not a uuid', { userId: '42' }, /userId/],
  ])('refuses %s', (_name, change, message) => {
    expect(() => prepareMessage({ ...valid, ...change })).toThrow(NotificationTemplateError);
    expect(() => prepareMessage({ ...valid, ...change })).toThrow(message);
  });
});
