import { randomBytes } from 'node:crypto';
import { apiDocsEnabled } from './config.schema';
import { ConfigValidationError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('fills every namespace with its documented defaults', () => {
    const config = loadConfig({});
    expect(config.app.PORT).toBe(3000);
    expect(config.database.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(config.redis.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('converts numbers from the environment', () => {
    expect(loadConfig({ PORT: '8080', DATABASE_POOL_SIZE: '25' })).toMatchObject({
      app: { PORT: 8080 },
      database: { DATABASE_POOL_SIZE: 25 },
    });
  });

  it('listens on this machine only unless HOST says otherwise', () => {
    expect(loadConfig({}).app.HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).app.HOST).toBe('0.0.0.0');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).app.PORT).toBe(3000);
  });

  it.each([
    ['PORT', 'eighty', /PORT: .*integer/],
    ['PORT', '70000', /PORT: .*not be greater than 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: must be a postgres:\/\/ connection URL/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/],
    ['NODE_ENV', 'staging', /NODE_ENV: must be one of the following values: development, production, test/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL/],
  ])('refuses %s=%s, naming the variable and what is expected', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigValidationError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('lists every wrong variable at once', () => {
    try {
      loadConfig({ PORT: 'x', REDIS_URL: 'nope' });
      throw new Error('expected a ConfigValidationError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigValidationError);
      expect((e as ConfigValidationError).problems.map((p) => p.variable).sort()).toEqual(['PORT', 'REDIS_URL']);
    }
  });
});

describe('loadConfig cross-checks', () => {
  it('refuses to run in production with the development JWT secret', () => {
    // Production also needs its own field-encryption keys (docs/security.md); given here so that only the JWT secret is missing.
    const keys = { FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`, FIELD_INDEX_KEY: randomBytes(32).toString('base64') };
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys })).toThrow(/AUTH_JWT_SECRET: must be set in production/);
    const secret = randomBytes(48).toString('base64');
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret, ...keys }).auth.AUTH_JWT_SECRET).toBe(secret);
  });

  it('refuses to run in production with the development field-encryption keys', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: randomBytes(48).toString('base64') })).toThrow(
      /FIELD_ENCRYPTION_KEYS: must be set in production/,
    );
  });

  it.each([
    ['a repeated character', 'a'.repeat(40), /AUTH_JWT_SECRET: uses too few distinct characters \(1; at least 10\): production needs a random one/],
    ['a placeholder', 'replace-this-with-a-long-random-string-please', /AUTH_JWT_SECRET: looks like a placeholder/],
    ['a counting sequence', 'abcdefghijklmnopqrstuvwxyz0123456789', /AUTH_JWT_SECRET: is too predictable/],
  ])('refuses a low-entropy JWT secret in production (%s), without repeating it', (_, secret, message) => {
    const keys = { FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`, FIELD_INDEX_KEY: randomBytes(32).toString('base64') };
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret, ...keys });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(secret);
    // Outside production the same value is accepted (development and tests use fixed secrets).
    expect(loadConfig({ NODE_ENV: 'development', AUTH_JWT_SECRET: secret }).auth.AUTH_JWT_SECRET).toBe(secret);
  });
});

describe('API_DOCS_ENABLED', () => {
  const production = {
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: randomBytes(48).toString('base64'),
    FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    FIELD_INDEX_KEY: randomBytes(32).toString('base64'),
  };

  it('is on by default outside production, off by default in production', () => {
    expect(apiDocsEnabled(loadConfig({}).app)).toBe(true);
    expect(apiDocsEnabled(loadConfig({ NODE_ENV: 'test' }).app)).toBe(true);
    expect(apiDocsEnabled(loadConfig(production).app)).toBe(false);
  });

  it('turns the docs on in production, or off anywhere, when set', () => {
    expect(apiDocsEnabled(loadConfig({ ...production, API_DOCS_ENABLED: 'true' }).app)).toBe(true);
    expect(apiDocsEnabled(loadConfig({ API_DOCS_ENABLED: 'false' }).app)).toBe(false);
  });

  it('takes only true or false', () => {
    expect(() => loadConfig({ API_DOCS_ENABLED: 'yes' })).toThrow(/API_DOCS_ENABLED: must be one of the following values: true, false/);
  });
});
