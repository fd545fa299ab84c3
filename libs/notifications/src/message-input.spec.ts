import { NotificationMessage, checkMessage, prepareFor, prepareMessage } from './message-input';
import { mailDate, mailMoney } from './templates/mail-values';
import { NotificationTemplateError } from './templates/render';

const valid: NotificationMessage = {
  to: { address: ' worker@example.org ' },
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

  it("keeps typed values as they are, to be written in the reader's language when sent", () => {
    const data = { referenceNumber: 'WC-1', amount: mailMoney(150000n, 'IDR') };
    expect(prepareMessage({ ...valid, template: 'welfare.claim-approved', data }).data).toEqual({
      referenceNumber: 'WC-1',
      amount: { money: { minor: '150000', currency: 'IDR' } },
    });
    const accepted = prepareMessage({ ...valid, template: 'complaint.accepted', data: { referenceNumber: 'CMP-1', conciliationEnds: mailDate('2026-08-14') } });
    expect(JSON.parse(JSON.stringify(accepted.data))).toEqual({ referenceNumber: 'CMP-1', conciliationEnds: { date: '2026-08-14' } });
  });

  it.each<[string, Partial<NotificationMessage>, RegExp]>([
    ['an unknown template', { template: 'nope' as never }, /unknown template/],
    ['a missing variable', { data: { referenceNumber: 'LC-1', trackingCode: 'x' } }, /cannot render/],
    ['a variable the template does not use', { data: { ...valid.data, passportNumber: 'P123' } }, /not used by template/],
    ['a secret-looking key', { data: { ...valid.data, resetToken: 'abc' } }, /looks like a secret/],
    ['a value of no known shape', { data: { ...valid.data, trackingCode: { a: 1 } as never } }, /must be a string, a finite number, \{ date \}/],
    [
      'a malformed date',
      { template: 'complaint.accepted', data: { referenceNumber: 'CMP-1', conciliationEnds: { date: '14 August 2026' } } },
      /data.conciliationEnds date must be a local date/,
    ],
    [
      'an amount in a currency the table lacks',
      { template: 'welfare.claim-approved', data: { referenceNumber: 'W', amount: mailMoney(1n, 'XYZ') } },
      /ISO 4217/,
    ],
    ['two addresses', { to: { address: 'a@example.org, b@example.org' } }, /one email address/],
    ['a header injection', { to: { address: 'a@example.org\r\nBcc: b@example.org' } }, /one email address/],
    ['no address', { to: { address: '' } }, /one email address/],
    ['a plain string instead of an audience', { to: 'a@example.org' as never }, /must be an audience/],
    ['an audience of two kinds at once', { to: { user: '6f1c1d2e-0b7a-4c55-9d43-0e6c1f1b2a3c', role: 'supervisor' } as never }, /must be an audience/],
    ['a user id that is not a uuid', { to: { user: '42' } }, /to.user must be a uuid/],
    ['an agency id that is not a uuid', { to: { agencyAdmins: 'acme' } }, /to.agencyAdmins must be a uuid/],
    ['an unknown role', { to: { role: 'janitor' as never } }, /to.role must be one of/],
    ['an empty dedup key', { dedupKey: ' ' }, /dedupKey/],
    ['an unknown language', { language: 'xx' as never }, /unknown language/],
    ["an address's account id that is not a uuid", { to: { address: 'a@example.org', userId: '42' } }, /to.userId must be a uuid/],
  ])('refuses %s', (_name, change, message) => {
    expect(() => prepareMessage({ ...valid, ...change })).toThrow(NotificationTemplateError);
    expect(() => prepareMessage({ ...valid, ...change })).toThrow(message);
  });

  it('prepares only messages to an address: an account is resolved by Notifications', () => {
    expect(() => prepareMessage({ ...valid, to: { user: '6f1c1d2e-0b7a-4c55-9d43-0e6c1f1b2a3c' } })).toThrow(/accounts are resolved by Notifications/);
  });
});

describe('checkMessage and prepareFor (a message to accounts)', () => {
  const USER = '6F1C1D2E-0B7A-4C55-9D43-0E6C1F1B2A3C';
  const staff: NotificationMessage = { to: { user: USER }, template: 'deadline.reminder', data: { subjectLabel: 'Case 1', dueAt: 'tomorrow' }, dedupKey: 'k' };

  it('normalises the audience (ids lower-cased) and keeps no address', () => {
    const checked = checkMessage(staff);
    expect(checked.to).toEqual({ user: USER.toLowerCase() });
    expect(checked.language).toBeNull();
    const row = prepareFor(checked, { address: null, userId: USER.toLowerCase(), language: 'fil', dedupKey: 'k' });
    expect(row).toMatchObject({ recipient: null, recipientUserId: USER.toLowerCase(), language: 'fil' });
  });

  it("writes in the account's language unless the caller asks for one (a complaint's mail is in the complaint's language)", () => {
    expect(prepareFor(checkMessage({ ...staff, language: 'ne' }), { address: null, userId: 'u', language: 'fil', dedupKey: 'k' }).language).toBe('ne');
    expect(prepareFor(checkMessage(staff), { address: null, userId: 'u', dedupKey: 'k' }).language).toBe('en');
  });
});
