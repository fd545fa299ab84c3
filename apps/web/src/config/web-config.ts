/**
 * The web process's settings, read from the environment and validated at start-up: a wrong or
 * missing one stops the process with a message naming the variable (the API's rule, with a
 * small class of the web's own so this process pulls in no database or queue code).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Transform, plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
// This file alone (no database or queue code behind it), the API's rule for production secrets.
import { secretProblem } from '@app/secrets';

export const DEV_ONLY_SESSION_SECRET = 'dev-only-insecure-web-session-secret-never-use-in-production';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value);
const URL_RULES = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

export class WebConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** Address the web process listens on; unset, HOST's (the container image sets 0.0.0.0), else this machine only. */
  @IsString()
  WEB_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  WEB_PORT = 3001;

  /** Where the API answers, as seen from the web process (the only way this process reaches data). */
  @IsUrl(URL_RULES)
  API_URL = 'http://127.0.0.1:3000';

  /** How long a call to the API may take before the page answers 503. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  API_TIMEOUT_MS = 10_000;

  /**
   * How long an answer the API marks shareable (the public registry's) is kept and shown again
   * without asking, at most (never longer than the API's own max-age). 0: every page asks.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  WEB_PUBLIC_CACHE_SECONDS = 10;

  /** Public base URL of the site, as people reach it (links in pages, QR codes). */
  @IsUrl(URL_RULES)
  PUBLIC_URL = 'http://localhost:3001';

  /** Signs the session cookie; at least 32 characters; required in production, and random there (secret-strength.ts). */
  @IsString()
  @MinLength(32)
  WEB_SESSION_SECRET = DEV_ONLY_SESSION_SECRET;

  /** A session not used for this long is forgotten (the Redis key's TTL, renewed on every page). */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  WEB_SESSION_TTL_SECONDS = 7200;

  /** Which proxies to trust for the client's address and protocol (`false`, `true`, a hop count, or addresses). */
  @Matches(/^(false|true|\d+|[0-9a-fA-F.:/, ]+)$/, { message: 'must be false, true, a hop count, or addresses/CIDRs' })
  WEB_TRUST_PROXY = 'false';

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key (the web's sessions are `<prefix>:web:sess:<id>`). */
  @Matches(/^[a-z0-9_-]{1,32}$/, { message: 'must be 1-32 characters of a-z, 0-9, _ or -' })
  REDIS_PREFIX = 'lcs';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Read and compile the templates again on every render, to see an edited template without a
   * restart. Off by default, in development too: compiling costs a page most of its time (the
   * agency page went from ~3 ms to ~25 ms of CPU), and `npm start` serves the built copy anyway.
   */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  WEB_RELOAD_TEMPLATES = false;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class WebConfigError extends Error {
  constructor(readonly problems: { variable: string; expected: string[] }[]) {
    super(
      'Invalid configuration of the web process:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.expected.join('; ')}`).join('\n') +
        '\nSee .env.example for every setting and its default.',
    );
    this.name = 'WebConfigError';
  }
}

/** Reads and validates the web's settings; an empty variable counts as unset. Throws WebConfigError. */
export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new WebConfig())) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  // One setting opens every process of a host to the network (HOST=0.0.0.0 in the image).
  if (raw.WEB_HOST === undefined && env.HOST) raw.WEB_HOST = env.HOST;
  const config = plainToInstance(WebConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config, { forbidUnknownValues: true }).map((e) => ({
    variable: e.property,
    expected: Object.values(e.constraints ?? {})
      .reverse()
      .map((m) => (m.startsWith(`${e.property} `) ? m.slice(e.property.length + 1) : m)),
  }));
  if (!problems.length && config.production && config.WEB_SESSION_SECRET === DEV_ONLY_SESSION_SECRET) {
    problems.push({ variable: 'WEB_SESSION_SECRET', expected: ['must be set in production (at least 32 random characters, e.g. `openssl rand -base64 48`)'] });
  } else if (!problems.length && config.production) {
    // Anyone who guesses it can forge session cookies.
    const weak = secretProblem(config.WEB_SESSION_SECRET);
    if (weak) problems.push({ variable: 'WEB_SESSION_SECRET', expected: [`${weak}: production needs a random one, e.g. \`openssl rand -base64 48\``] });
  }
  if (problems.length) throw new WebConfigError(problems);
  return config;
}

/** Loads `.env` from the working directory when there is one; the environment wins. */
export function loadDotEnv(file = resolve(process.cwd(), '.env')): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
