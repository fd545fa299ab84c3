import { AuditSecretError, assertNoSecrets } from './secret-guard';

describe('assertNoSecrets', () => {
  it.each([
    'password',
    'passwordHash',
    'password_hash',
    'newPassword',
    'token',
    'refreshToken',
    'accessToken',
    'secret',
    'clientSecret',
    'API_KEY',
    'Refresh-Token',
  ])('refuses a %s key', (key) => {
    expect(() => assertNoSecrets({ [key]: 'x' })).toThrow(AuditSecretError);
  });

  it('refuses secrets at any depth, inside arrays too, naming the path but never the value', () => {
    let error: unknown;
    try {
      assertNoSecrets({ user: { sessions: [{ id: 1 }, { refreshToken: 'hunter2' }] } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuditSecretError);
    expect((error as Error).message).toContain('changes.user.sessions[1].refreshToken');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('accepts keys that only mention a secret, and ordinary changes', () => {
    expect(() => assertNoSecrets({ passwordChangedAt: '2025-01-01', tokenCount: 2, status: { from: 'a', to: 'b' }, list: [1, 'password'] })).not.toThrow();
  });
});
