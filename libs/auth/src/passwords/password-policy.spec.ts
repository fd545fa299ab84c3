import { ValidationFailedException } from '@app/common';
import { assertAcceptablePassword, passwordProblem } from './password-policy';

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
