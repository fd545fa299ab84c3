import { ValidationFailedException } from '@app/common';
import { DEMO_PASSWORD } from '../demo/demo-password';
import { assertAcceptablePassword, checkPassword, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('accepts a long passphrase without composition rules', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('tubig sa bundok ng banahaw')).toBeNull();
  });

  it('refuses fewer than 8 and more than 128 characters', () => {
    expect(passwordProblem('a1b2c3d')?.message).toMatch(/at least 8/);
    expect(passwordProblem('x'.repeat(129))?.message).toMatch(/at most 128/);
    expect(passwordProblem('x7'.repeat(64))).toBeNull();
  });

  it('counts characters, not bytes, for passwords in any script', () => {
    expect(passwordProblem('पासवर्ड')?.message).toMatch(/at least 8/); // 7 code points, 21 bytes
    expect(passwordProblem('मेरो सुरक्षित पासवर्ड')).toBeNull();
  });

  it.each(['password', '12345678', 'qwertyuiop', 'iloveyou', 'PASSWORD1', 'sunshine'])('refuses the common password %s', (p) => {
    expect(passwordProblem(p)?.message).toMatch(/most commonly used/);
  });

  it.each([
    ['eight spaces', ' '.repeat(8)],
    ['tabs and newlines', '\t\t\n\n\t\t\n\n'],
    ['no-break and ideographic spaces', '\u00a0\u3000'.repeat(5)],
    ['zero-width spaces', '\u200b'.repeat(12)],
  ])('refuses a password of %s only', (_, p) => {
    expect(passwordProblem(p)).toEqual({ rule: 'notOnlyWhitespace', message: 'must not be only spaces or other blank characters' });
  });

  it('refuses fewer than 8 characters that are not blank, however long', () => {
    expect(passwordProblem('a b c d e f g')).toEqual({ rule: 'minNonWhitespace', message: 'must have at least 8 characters other than spaces' });
    expect(passwordProblem(`x7k${' '.repeat(40)}q2`)?.rule).toBe('minNonWhitespace');
    expect(passwordProblem('\u200bab\u200bcd\u200bef\u200bgh')).toBeNull(); // 8 visible
    expect(passwordProblem('a b c d e f g h')).toBeNull();
  });

  it.each([DEMO_PASSWORD, DEMO_PASSWORD.toUpperCase(), ' demo pass 2026 ', 'DemoPass2026', `${DEMO_PASSWORD} please`])(
    'refuses the published demo password written as %j',
    (p) => {
      expect(passwordProblem(p)).toEqual({ rule: 'notDemoPassword', message: 'is the published password of the demo accounts; choose another' });
    },
  );

  describe("the account's email", () => {
    const email = 'Maria.Santos@Example.com';
    it.each([
      'maria.santos@example.com',
      'MARIA.SANTOS@EXAMPLE.COM',
      'my maria.santos@example.com!',
      'maria.santos',
      'Maria Santos',
      'mariasantos1990',
      '2026-Maria_Santos-2026',
    ])('refuses %j', (p) => {
      expect(passwordProblem(p, { email })).toEqual({ rule: 'notEmail', message: 'must not be or contain your email address or the part of it before the @' });
    });

    it('accepts a password that shares only a short local part or the domain', () => {
      expect(passwordProblem('tubig sa bundok ng banahaw', { email: 'ng@example.com' })).toBeNull();
      expect(passwordProblem('ng@example.com rocks', { email: 'ng@example.com' })?.rule).toBe('notEmail');
      expect(passwordProblem('example gardens of Manila', { email })).toBeNull();
      expect(passwordProblem('correct horse battery staple', { email: '  ' })).toBeNull();
    });

    it('refuses a short local part as the whole password', () => {
      expect(passwordProblem('j.o.e.12345', { email: 'joe12345@x.test' })?.rule).toBe('notEmail');
    });
  });

  it('refuses a common password with spaces around it', () => {
    expect(passwordProblem('  password1  ')?.rule).toBe('notCommon');
  });

  it('checkPassword names the field, the rule and the message', () => {
    expect(() => checkPassword('a brand new passphrase', { email: 'someone@example.com' })).not.toThrow();
    try {
      checkPassword(' '.repeat(10), { field: 'newPassword', email: 'someone@example.com' });
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationFailedException);
      expect((e as ValidationFailedException).errors).toEqual([{ field: 'newPassword', rule: 'notOnlyWhitespace', message: expect.any(String) }]);
    }
    try {
      checkPassword('someone.else-2026', { email: 'someone.else@example.com' });
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as ValidationFailedException).errors).toEqual([{ field: 'password', rule: 'notEmail', message: expect.any(String) }]);
    }
  });

  it('reports the refused field by name', () => {
    try {
      assertAcceptablePassword('password', 'newPassword');
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationFailedException);
      expect((e as ValidationFailedException).errors).toEqual([
        { field: 'newPassword', rule: 'notCommon', message: expect.stringMatching(/most commonly used/) },
      ]);
    }
  });
});
