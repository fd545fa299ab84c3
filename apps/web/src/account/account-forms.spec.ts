import { translator } from '@app/i18n';
import { readStatement } from './my-placements.controller';
import { errorList, fieldErrorsOf, passwordRuleMessage, readChangePassword, readDetails, readPassword, readRegister, readSignIn } from './account-forms';

describe('the account forms', () => {
  it('sign-in: both fields are needed; the password is taken as typed (spaces kept)', () => {
    expect(readSignIn({})).toEqual({
      ok: false,
      errors: { email: 'account.fields.email.missing', password: 'account.fields.password.missing' },
      value: { email: '', password: '' },
    });
    expect(readSignIn({ email: ' Maria@Example.com ', password: ' pass phrase ' })).toEqual({
      ok: true,
      value: { email: 'Maria@Example.com', password: ' pass phrase ' },
    });
  });

  it('register: name, a plausible address, a password and one of the four languages', () => {
    const bad = readRegister({ name: 'A\nB', email: 'not-an-address', newPassword: '', language: 'xx' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual({
      name: 'account.fields.name.invalid',
      email: 'account.fields.email.invalid',
      newPassword: 'account.fields.newPassword.missing',
      language: 'account.fields.language.missing',
    });
    expect(readRegister({ name: ' Sita Tamang ', email: 'sita@example.com', newPassword: 'a long pass phrase', language: 'ne' })).toEqual({
      ok: true,
      value: { name: 'Sita Tamang', email: 'sita@example.com', password: 'a long pass phrase', language: 'ne' },
    });
    expect(readRegister({ name: 'x'.repeat(121), email: 'a@b.co', newPassword: 'x', language: 'en' }).ok).toBe(false);
  });

  it('details: the phone is optional, but must look like one when given', () => {
    expect(readDetails({ name: 'Sita', phone: '', language: 'en' })).toEqual({ ok: true, value: { name: 'Sita', phone: '', language: 'en' } });
    expect(readDetails({ name: 'Sita', phone: ' +977 980 123 4567 ', language: 'en' })).toEqual({
      ok: true,
      value: { name: 'Sita', phone: '+977 980 123 4567', language: 'en' },
    });
    const bad = readDetails({ name: 'Sita', phone: 'call me', language: 'en' });
    expect(!bad.ok && bad.errors).toEqual({ phone: 'account.fields.phone.invalid' });
  });

  it('passwords: missing ones are named by their field', () => {
    expect(readPassword({}, 'password')).toMatchObject({ ok: false, errors: { password: 'account.fields.password.missing' } });
    expect(readPassword({}, 'newPassword')).toMatchObject({ ok: false, errors: { newPassword: 'account.fields.newPassword.missing' } });
    expect(readChangePassword({ currentPassword: 'x' })).toMatchObject({ ok: false, errors: { newPassword: 'account.fields.newPassword.missing' } });
  });

  it("turns the API's refused fields into messages on the page's fields, with the password rule", () => {
    const problem = {
      type: 'urn:lcs:problem:validation-failed',
      code: 'validation-failed',
      title: 'x',
      status: 400,
      errors: [
        { field: 'password', rule: 'notCommon', message: 'x' },
        { field: 'displayName', rule: 'isSingleLineName', message: 'x' },
        { field: 'phone', rule: 'matches', message: 'x' },
      ],
    };
    expect(fieldErrorsOf(problem as never, 'newPassword')).toEqual({
      newPassword: 'account.passwordRules.notCommon',
      name: 'account.fields.name.invalid',
      phone: 'account.fields.phone.invalid',
    });
    expect(passwordRuleMessage('somethingNew')).toBe('account.passwordRules.other');
  });

  it("lists errors in the order of the page, each linking to its field, in the reader's language", () => {
    const t = translator('ne');
    expect(errorList({ newPassword: 'account.fields.newPassword.missing', name: 'account.fields.name.missing' }, t)).toEqual([
      { text: t('account.fields.name.missing'), href: '#name' },
      { text: t('account.fields.newPassword.missing'), href: '#newPassword' },
    ]);
  });
});

describe('the statement of what was really paid', () => {
  const placement = {
    fees: [{ item: 'placement-fee', amountMinor: '6000000', currency: 'PHP', date: '2026-02-20', receiptNumber: 'R1' }],
    recruitedOn: '2026-02-01',
    salaryCurrency: 'HKD',
  };

  it("takes each declared fee at the amount paid (0 or empty: not paid) and the extra fee on the day of recruitment, in the fees' currency", () => {
    expect(readStatement({ paid: ['75,000'], extraItem: 'medical-examination', extraAmount: '5000', note: '' }, placement, 'en')).toEqual({
      lines: [
        { item: 'placement-fee', amountMinor: '7500000', currency: 'PHP', date: '2026-02-20' },
        { item: 'medical-examination', amountMinor: '500000', currency: 'PHP', date: '2026-02-01' },
      ],
      errors: {},
    });
    expect(readStatement({ paid: ['0'], extraItem: 'visa', extraAmount: '100', note: '' }, placement, 'en').lines).toEqual([
      { item: 'visa', amountMinor: '10000', currency: 'PHP', date: '2026-02-01' },
    ]);
  });

  it('refuses what is not an amount, an extra fee half given, and a statement of nothing', () => {
    expect(readStatement({ paid: ['sixty'], extraItem: '', extraAmount: '', note: '' }, placement, 'en').errors).toEqual({
      'paid-0': 'account.placements.statement.amountInvalid',
    });
    expect(readStatement({ paid: [''], extraItem: 'visa', extraAmount: '', note: '' }, placement, 'en').errors).toEqual({
      'extra-amount': 'account.placements.statement.amountMissing',
    });
    expect(readStatement({ paid: [''], extraItem: '', extraAmount: '10', note: '' }, placement, 'en').errors).toEqual({
      'extra-item': 'account.placements.statement.itemMissing',
    });
    expect(readStatement({ paid: ['0'], extraItem: '', extraAmount: '', note: '' }, placement, 'en').errors).toEqual({
      'paid-0': 'account.placements.statement.nothing',
    });
  });
});
