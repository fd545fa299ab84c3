import { randomBytes } from 'node:crypto';
import { DEV_ONLY_SESSION_SECRET, WebConfigError, loadWebConfig } from './web-config';

describe('loadWebConfig', () => {
  it('has working defaults for development', () => {
    const c = loadWebConfig({});
    expect(c).toMatchObject({ WEB_PORT: 3001, WEB_HOST: '127.0.0.1', API_URL: 'http://127.0.0.1:3000', REDIS_PREFIX: 'lcs', WEB_SESSION_TTL_SECONDS: 7200 });
    expect(c.production).toBe(false);
  });

  it('reads the environment, an empty variable counting as unset', () => {
    const c = loadWebConfig({ WEB_PORT: '4001', API_URL: 'http://api.internal:8080', WEB_HOST: '' });
    expect(c.WEB_PORT).toBe(4001);
    expect(c.API_URL).toBe('http://api.internal:8080');
    expect(c.WEB_HOST).toBe('127.0.0.1');
  });

  it('listens where HOST says when WEB_HOST is unset, WEB_HOST winning', () => {
    expect(loadWebConfig({ HOST: '0.0.0.0' }).WEB_HOST).toBe('0.0.0.0');
    expect(loadWebConfig({ HOST: '0.0.0.0', WEB_HOST: '127.0.0.1' }).WEB_HOST).toBe('127.0.0.1');
    expect(loadWebConfig({ HOST: '' }).WEB_HOST).toBe('127.0.0.1');
  });

  it('compiles templates once unless WEB_RELOAD_TEMPLATES=true, in development too', () => {
    expect(loadWebConfig({}).WEB_RELOAD_TEMPLATES).toBe(false);
    expect(loadWebConfig({ WEB_RELOAD_TEMPLATES: 'true' }).WEB_RELOAD_TEMPLATES).toBe(true);
    expect(loadWebConfig({ WEB_RELOAD_TEMPLATES: 'false' }).WEB_RELOAD_TEMPLATES).toBe(false);
    expect(() => loadWebConfig({ WEB_RELOAD_TEMPLATES: 'yes' })).toThrow(/WEB_RELOAD_TEMPLATES/);
  });

  it('stops on a wrong setting, naming the variable', () => {
    expect(() => loadWebConfig({ WEB_PORT: 'eighty', API_URL: 'not a url' })).toThrow(WebConfigError);
    try {
      loadWebConfig({ WEB_PORT: 'eighty', REDIS_URL: 'localhost:6379' });
    } catch (e) {
      expect((e as Error).message).toMatch(/WEB_PORT: .*integer/);
      expect((e as Error).message).toMatch(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    }
  });

  it('refuses the development session secret in production', () => {
    expect(() => loadWebConfig({ NODE_ENV: 'production' })).toThrow(/WEB_SESSION_SECRET: must be set in production/);
    expect(() => loadWebConfig({ NODE_ENV: 'production', WEB_SESSION_SECRET: DEV_ONLY_SESSION_SECRET })).toThrow(WebConfigError);
    expect(loadWebConfig({ NODE_ENV: 'production', WEB_SESSION_SECRET: randomBytes(48).toString('base64') }).production).toBe(true);
  });

  it.each([
    ['a repeated character', 'x'.repeat(40), /WEB_SESSION_SECRET: uses too few distinct characters/],
    ['a placeholder', 'web-session-secret-for-the-ministry-site', /WEB_SESSION_SECRET: looks like a placeholder/],
    ['a counting sequence', '0123456789abcdefghijklmnopqrstuvwxyz', /WEB_SESSION_SECRET: is too predictable/],
  ])('refuses a low-entropy session secret in production (%s), without repeating it', (_, secret, message) => {
    expect(() => loadWebConfig({ NODE_ENV: 'production', WEB_SESSION_SECRET: secret })).toThrow(message);
    try {
      loadWebConfig({ NODE_ENV: 'production', WEB_SESSION_SECRET: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
    expect(loadWebConfig({ WEB_SESSION_SECRET: secret }).production).toBe(false);
  });

  it('refuses a session secret shorter than 32 characters', () => {
    expect(() => loadWebConfig({ WEB_SESSION_SECRET: 'short' })).toThrow(/WEB_SESSION_SECRET/);
  });
});
