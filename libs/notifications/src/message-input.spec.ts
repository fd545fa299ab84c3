import { NotificationMessage, prepareMessage } from './message-input';
import { mailDate, mailMoney } from './templates/mail-values';
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

  it('defaults to English, and writes staff templates in the language asked for too', () => {
    expect(prepareMessage({ ...valid, language: undefined }).language).toBe('en');
    const staff = prepareMessage({ ...valid, template: 'deadline.reminder', data: { subjectLabel: 'Case 1', dueAt: 'tomorrow' } });
    expect(staff.language).toBe('ne');
  });

  it('keeps typed values as they are, to be written in the reader\'s language when sent', () => {
    const data = { referenceNumber: 'WC-1', amount: mailMoney(150000n, 'IDR') };
    expect(prepareMessage({ ...valid, template: 'welfare.claim-approved', data }).data).toEqual({ referenceNumber: 'WC-1', amount: { money: { minor: '150000', currency: 'IDR' } } });
    const accepted = prepareMessage({ ...valid, template: 'complaint.accepted', data: { referenceNumber: 'CMP-1', conciliationEnds: mailDate('2026-08-14') } });
    expect(JSON.parse(JSON.stringify(accepted.data))).toEqual({ referenceNumber: 'CMP-1', conciliationEnds: { date: '2026-08-14' } });
  });

  it.each<[string, Partial<NotificationMessage>, RegExp]>([
    ['an unknown template', { template: 'nope' as never }, /unknown template/],
    ['a missing variable', { data: { referenceNumber: 'LC-1', trackingCode: 'x' } }, /cannot render/],
    ['a variable the template does not use', { data: { ...valid.data, passportNumber: 'P123' } }, /not used by template/],
    ['a secret-looking key', { data: { ...valid.data, resetToken: 'abc' } }, /looks like a secret/],
    ['a value of no known shape', { data: { ...valid.data, trackingCode: { a: 1 } as never } }, /must be a string, a finite number, \{ date \}/],
    ['a malformed date', { template: 'complaint.accepted', data: { referenceNumber: 'CMP-1', conciliationEnds: { date: '14 August 2026' } } }, /data.conciliationEnds date must be a local date/],
    ['an amount in a currency the table lacks', { template: 'welfare.claim-approved', data: { referenceNumber: 'W', amount: mailMoney(1n, 'XYZ') } }, /ISO 4217/],
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
