import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MinLength, Min } from 'class-validator';

/**
 * One class per configuration namespace. Each property is named after the environment
 * variable it reads, so a validation message can name the variable as the operator wrote it.
 * Defaults here are the documented defaults (see .env.example and the README).
 */

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

export class AppEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '0.0.0.0';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Largest accepted request body, in bytes (JSON bodies; uploads have their own limits). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** How long a process may take to shut down gracefully before it exits anyway. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /**
   * Which proxies to trust for the client address (rate limits are per address): `false` (no
   * proxy; X-Forwarded-For is ignored), a hop count such as `1`, or comma-separated addresses/CIDRs.
   */
  @Matches(/^(false|true|\d+|[0-9a-fA-F.:/, ]+)$/, { message: 'must be false, true, a hop count, or addresses/CIDRs' })
  TRUST_PROXY = 'false';

  /** Public base URL, used in links sent to people. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';
}

export class DatabaseEnv {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/labour_cases';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 10;

  /** Logs SQL statements (development only). */
  @IsOptional()
  @IsIn(['true', 'false'])
  DATABASE_LOG_SQL: 'true' | 'false' = 'false';
}

export class RedisEnv {
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key this system writes (queues, rate limits). */
  @Matches(/^[a-z0-9_-]{1,32}$/, { message: 'must be 1-32 characters of a-z, 0-9, _ or -' })
  REDIS_PREFIX = 'lcs';
}

export const DEV_ONLY_JWT_SECRET = 'dev-only-insecure-jwt-secret-never-use-in-production';

export class AuthEnv {
  /** HMAC key for access tokens (HS256), at least 32 characters; required in production. */
  @IsString()
  @MinLength(32)
  AUTH_JWT_SECRET = DEV_ONLY_JWT_SECRET;

  @IsString()
  AUTH_JWT_ISSUER = 'labour-case-system';

  @IsString()
  AUTH_JWT_AUDIENCE = 'lcs-api';

  /** Lifetime of an access token. Disabling a user cuts it short anyway (sessions are checked). */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  AUTH_ACCESS_TTL_SECONDS = 900;

  /** Lifetime of a session (its refresh token) without use. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  AUTH_REFRESH_TTL_DAYS = 30;

  /** Login attempts allowed per account within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_LOGIN_LIMIT_PER_ACCOUNT = 5;

  /** Login and registration attempts allowed per client address within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_LOGIN_LIMIT_PER_IP = 30;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  AUTH_LOGIN_WINDOW_SECONDS = 900;
}

export const CONFIG_NAMESPACES = {
  app: AppEnv,
  database: DatabaseEnv,
  redis: RedisEnv,
  auth: AuthEnv,
} as const;

export type ConfigNamespaces = typeof CONFIG_NAMESPACES;
export type AppConfig = { [K in keyof ConfigNamespaces]: InstanceType<ConfigNamespaces[K]> };
