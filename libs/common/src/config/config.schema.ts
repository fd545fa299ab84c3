import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MinLength, Min } from 'class-validator';
import { ValidateBy, ValidationArguments } from 'class-validator';
import { DEV_ONLY_FIELD_ENCRYPTION_KEYS, DEV_ONLY_FIELD_INDEX_KEY, FieldKeyProblem, fieldKeyProblems } from '../crypto/field-encryption';

/**
 * One class per configuration namespace. Each property is named after the environment
 * variable it reads, so a validation message can name the variable as the operator wrote it.
 * Defaults here are the documented defaults (see .env.example and the README).
 */

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value);

export class AppEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** Address the API listens on: this machine only unless set (the container image sets 0.0.0.0). */
  @IsString()
  HOST = '127.0.0.1';

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

  /**
   * Whether the API serves Swagger UI at `/docs` and the OpenAPI document at `/docs-json`: `true`
   * or `false`. Unset: on outside production, off in production (a map of every route and field
   * is of more use to an attacker than to the public). Read through apiDocsEnabled().
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  API_DOCS_ENABLED?: 'true' | 'false' = undefined;
}

/** API_DOCS_ENABLED as set, else on everywhere but production. */
export const apiDocsEnabled = (app: Pick<AppEnv, 'NODE_ENV' | 'API_DOCS_ENABLED'>): boolean =>
  app.API_DOCS_ENABLED === undefined ? app.NODE_ENV !== 'production' : app.API_DOCS_ENABLED === 'true';

export class DatabaseEnv {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/labour_cases';

  /**
   * The owner role, for migrations only (`cli.js migrate`, the TypeORM CLI). Unset: DATABASE_URL,
   * which then owns the tables (one role, as before). Give it to the migrate step, not to the API
   * or the worker, whose DATABASE_URL should be a member of `lcs_runtime` (docs/audit.md).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' })
  DATABASE_MIGRATION_URL?: string = undefined;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 10;

  /**
   * Streamed CSV downloads one API process serves at once: each holds a pooled connection while
   * the client reads (at most DATABASE_POOL_SIZE - 2 whatever is set); past it 503 with Retry-After.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_EXPORT_STREAMS = 4;

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

  /**
   * The web portal's public address: links mailed to people (email verification, password reset,
   * staff invitation) open its pages `/account/verify-email`, `/account/reset-password` and
   * `/account/invitation`, with `?token=`.
   */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  AUTH_LINK_BASE_URL = 'http://127.0.0.1:3001';

  /** How long an email-verification link works. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(168)
  AUTH_VERIFY_LINK_TTL_HOURS = 48;

  /** How long a password-reset link works. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1440)
  AUTH_RESET_LINK_TTL_MINUTES = 60;

  /** How long a staff invitation works. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  AUTH_INVITATION_TTL_DAYS = 7;
}

export class MailEnv {
  /** Where mail is sent: smtp:// or smtps:// with optional user:password@. Default: a local mail catcher. */
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** The From header of every message. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Labour Case System <no-reply@labour-cases.local>';

  /** Attempts per message (the first included) before it is marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_MAX_ATTEMPTS = 8;

  /** First retry delay; each next one doubles, with full jitter. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  MAIL_BACKOFF_BASE_MS = 5_000;

  /**
   * How long a relay's claim on a message lasts: longer than a sending round can take, or a slow
   * round's messages could be sent twice. A killed worker's claimed messages wait this long.
   */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(3600)
  MAIL_RELAY_LEASE_SECONDS = 120;

  /**
   * Messages one worker process has in flight at once (rendered and handed to the SMTP pool,
   * not yet answered). More than SMTP_POOL_CONNECTIONS keeps every connection busy while the
   * relay opens the next messages and records the last ones.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  MAIL_RELAY_CONCURRENCY = 24;

  /** Due messages the relay claims per statement (it claims the next batch before the last one runs out). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  MAIL_RELAY_BATCH_SIZE = 100;

  /** SMTP connections one worker process keeps open at most (nodemailer's pool, `maxConnections`). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  SMTP_POOL_CONNECTIONS = 8;

  /** Messages sent over one pooled SMTP connection before it is closed and a fresh one opened (nodemailer's `maxMessages`). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SMTP_POOL_MAX_MESSAGES = 500;

  /**
   * Days a sent message keeps its (sealed) address and data, for admins looking into a delivery;
   * then the worker purges both. 0 purges at the next hourly run after sending.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  NOTIFICATION_BODY_RETENTION_DAYS = 30;
}

export class DeadlinesEnv {
  /** The jurisdiction whose calendar counts business days when a deadline names none (e.g. PH). */
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'must be an ISO 3166 code such as PH or NP' })
  DEADLINE_DEFAULT_JURISDICTION = 'PH';

  /** Deadlines firing within this many seconds are handed to BullMQ as delayed jobs; later ones stay in Postgres. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86_400)
  DEADLINE_HORIZON_SECONDS = 600;

  /** How often the sweep re-adds due and missing work (one instance at a time); 0 turns it off (tests drive it). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  DEADLINE_SWEEP_INTERVAL_SECONDS = 60;

  /** A level overdue by more than this is fired by the sweep itself (its job was lost or is stuck). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  DEADLINE_SWEEP_GRACE_SECONDS = 30;

  /** How often the scheduler moves deadlines entering the horizon into BullMQ; 0 turns it off (tests drive it). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  DEADLINE_SCHEDULER_INTERVAL_MS = 1_000;

  /** Deadlines claimed per scheduling query. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  DEADLINE_CLAIM_BATCH = 5_000;

  /** Levels fired per transaction: a job fires its own and drains other due ones with it (a burst costs statements per batch, not per deadline). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DEADLINE_FIRE_BATCH = 500;

  /**
   * Open deadlines an SLA policy or calendar change recomputes per batch (locked, computed and
   * written in one statement; every batch in the change's one transaction): what the API process
   * holds of them at once.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  DEADLINE_RECOMPUTE_BATCH = 1_000;

  /** Jobs a worker process runs at once (at most DATABASE_POOL_SIZE - 2: each holds a connection). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DEADLINE_WORKER_CONCURRENCY = 8;
}

export class LicensingEnv {
  /** Validity of a provisional license (new agencies), in years. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  LICENSING_PROVISIONAL_VALIDITY_YEARS = 2;

  /** Validity of a regular license, in years. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  LICENSING_REGULAR_VALIDITY_YEARS = 4;

  /** License numbers read `<prefix>-<year>-<serial>-<check digit>`, e.g. PH-LRA-2026-00042-7. */
  @Matches(/^[A-Z]{2,4}(-[A-Z]{2,6})?$/, { message: 'must be letters such as PH-LRA' })
  LICENSING_NUMBER_PREFIX = 'PH-LRA';

  /** The jurisdiction whose time zone ends a license's last day (and a suspension's). */
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'must be an ISO 3166 code such as PH or NP' })
  LICENSING_JURISDICTION = 'PH';

  /** Public verification requests per client address within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LICENSING_PUBLIC_LIMIT_PER_IP = 120;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LICENSING_PUBLIC_WINDOW_SECONDS = 60;

  /** `Cache-Control: public, max-age=<this>` on public verification answers. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  LICENSING_PUBLIC_MAX_AGE_SECONDS = 60;

  /** How long this process reuses a public answer it built (0: never); changes made here clear it at once. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600)
  LICENSING_PUBLIC_CACHE_SECONDS = 10;

  /** Most agencies a public name search answers. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LICENSING_PUBLIC_SEARCH_LIMIT = 20;

  /** A renewal may be filed from this many days before the license's last day until its end. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(730)
  LICENSING_RENEWAL_WINDOW_DAYS = 120;

  /** Days before a license's last day when its agency admins are reminded to renew (comma-separated, e.g. 90,60,30,7). */
  @Matches(/^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/, { message: 'must be whole numbers of days separated by commas, e.g. 90,60,30,7' })
  LICENSING_RENEWAL_REMINDER_DAYS = '90,60,30,7';

  /** Years after a revocation during which the agency, and any agency sharing an owner or officer with it, cannot be licensed again. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  LICENSING_DISQUALIFICATION_YEARS = 5;
}

export class DocumentsEnv {
  /** Where uploaded files are kept (outside the database), relative to the working directory unless absolute; created if missing. */
  @IsString()
  @MinLength(1)
  DOCUMENTS_DIR = '.data/documents';

  /** Largest accepted uploaded file, in bytes (default 10 MiB); one byte more is refused with 413. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_073_741_824)
  DOCUMENTS_MAX_BYTES = 10_485_760;
}

export class EscrowEnv {
  /** Escrow required of an agency holding a provisional license, in minor units of ESCROW_CURRENCY (default PHP 1,000,000.00). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  ESCROW_REQUIRED_MINOR_PROVISIONAL = 100_000_000;

  /** Escrow required of an agency holding a regular license, in minor units of ESCROW_CURRENCY. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  ESCROW_REQUIRED_MINOR_REGULAR = 100_000_000;

  /** ISO 4217 currency of escrow accounts opened from now on (and of the requirements above). */
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as PHP' })
  ESCROW_CURRENCY = 'PHP';

  /** Calendar days to top the escrow up once it falls below the requirement (seeds the escrow.top-up SLA policy). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  ESCROW_TOP_UP_DAYS = 15;
}

export class EventsEnv {
  /** How often the worker's domain-event relay looks for undelivered events, in ms; 0 turns it off (tests drive it). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  EVENTS_POLL_MS = 1_000;

  /** Events one subscriber takes per round (each is handled in its own transaction). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  EVENTS_BATCH_SIZE = 100;

  /** Attempts per event and subscriber (the first included) before its delivery is marked failed and no longer retried. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  EVENTS_MAX_ATTEMPTS = 10;
}

export class FeesEnv {
  /** The origin country this ministry places workers from (ISO 3166 alpha-2): placements record it and rules keyed by it apply. */
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166 alpha-2 code such as PH or NP' })
  FEES_ORIGIN_COUNTRY = 'PH';

  /** A dated exchange rate stays in force until the pair's next rate, for at most this many days; older, conversion is refused. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(366)
  FEES_RATE_MAX_AGE_DAYS = 31;

  /** Calendar days an agency has to pay a refund order (seeds the fees.refund-payment SLA policy). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  FEES_REFUND_DAYS = 15;
}

/** Checks FIELD_ENCRYPTION_KEYS and FIELD_INDEX_KEY together; messages never contain key material. */
const fieldKeyRule = (variable: FieldKeyProblem['variable']) => {
  const problems = (args?: ValidationArguments) =>
    args
      ? fieldKeyProblems(args.object as CryptoEnv)
          .filter((p) => p.variable === variable)
          .map((p) => p.message)
      : [];
  return ValidateBy({
    name: 'fieldKeys',
    validator: { validate: (_value, args) => problems(args).length === 0, defaultMessage: (args) => problems(args).join('; ') },
  });
};

/** Field-level encryption of personal data (docs/security.md). */
export class CryptoEnv {
  /** Read here as well (AppEnv validates it), so that production can refuse the development keys. */
  NODE_ENV: string = 'development';

  /** Comma-separated `<id>:<base64 of 32 bytes>`; the first encrypts, all decrypt. Development default refused in production. */
  @fieldKeyRule('FIELD_ENCRYPTION_KEYS')
  FIELD_ENCRYPTION_KEYS: string = DEV_ONLY_FIELD_ENCRYPTION_KEYS;

  /** Base64 of 32 bytes, separate from the encryption keys: the root of the blind-index (lookup) keys. */
  @fieldKeyRule('FIELD_INDEX_KEY')
  FIELD_INDEX_KEY: string = DEV_ONLY_FIELD_INDEX_KEY;
}

export class ComplaintsEnv {
  /**
   * The web page where a complainant follows a case with its reference and secret (the web app's
   * "Follow your complaint" form). The acknowledgement mail links to it with `?reference=<reference>`,
   * which fills the reference in; the secret is never in the link.
   */
  @IsString()
  @MinLength(1)
  COMPLAINTS_TRACKING_URL = 'http://127.0.0.1:3001/complaints/follow';

  /**
   * Wrong secrets for one case within an hour before further wrong secrets for it are answered 429
   * instead of 404. The right secret is always let through (docs/complaints.md): this limit can
   * never lock the complainant out of their own case.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  COMPLAINTS_SECRET_ATTEMPTS_PER_HOUR = 10;

  /**
   * Wrong secrets from one client address (an IPv6 caller: its /64), across all cases, within an
   * hour before that address is refused (429) on the secret routes for the rest of the hour.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  COMPLAINTS_SECRET_ATTEMPTS_PER_CALLER_PER_HOUR = 30;

  /**
   * Acknowledgement mails (`case.received`) of public filings to one address within 24 hours;
   * past it the filing still succeeds (the answer shows the reference and secret) but no mail goes.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  COMPLAINTS_ACK_MAILS_PER_ADDRESS_PER_DAY = 3;

  /** Minutes between the digests that tell inspectors the cases newly assigned to them (one mail per inspector, not one per case). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  COMPLAINTS_ASSIGNMENT_DIGEST_MINUTES = 60;

  /** This many complaints against one agency accepted within COMPLAINTS_PATTERN_WINDOW_DAYS plan an inspection. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(100)
  COMPLAINTS_PATTERN_THRESHOLD = 3;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  COMPLAINTS_PATTERN_WINDOW_DAYS = 90;

  /** A routine inspection is planned for every licensed agency not inspected for this many months (0: no routine schedule). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(120)
  COMPLAINTS_INSPECTION_ROUTINE_MONTHS = 24;

  /** Calendar days to pay a fine a decision imposed (seeds the complaint.fine-payment SLA policy). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  COMPLAINTS_FINE_DAYS = 30;
}

export class WelfareEnv {
  /** The currency the welfare fund keeps its ledger in; contributions in another currency are converted at the rate of their day. */
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as PHP' })
  WELFARE_FUND_CURRENCY = 'PHP';

  /** The contribution per placement, in minor units of WELFARE_CONTRIBUTION_CURRENCY (default USD 25.00). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  WELFARE_CONTRIBUTION_MINOR = 2500;

  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as USD' })
  WELFARE_CONTRIBUTION_CURRENCY = 'USD';

  /** A claim must be filed within this many days of the incident. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  WELFARE_FILING_WINDOW_DAYS = 365;

  /** Calendar days to decide a claim (seeds the welfare.decision SLA policy); paused while documents are requested. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  WELFARE_DECISION_DAYS = 30;
}

/** Signed checkpoints of the audit chains' heads, kept outside the database (docs/audit.md). */
export class AuditEnv {
  /**
   * Where the worker appends signed checkpoints and `audit:verify` reads them: a directory outside
   * the database, ideally on other storage (created if missing). Unset: no checkpoints.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUDIT_CHECKPOINT_DIR?: string = undefined;

  /** The worker's Ed25519 private key (PKCS#8, PEM or base64 DER; `cli.js audit:checkpoint-keygen`). Only the worker holds it. */
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_SIGNING_KEY?: string = undefined;

  /** The matching public key (SPKI, PEM or base64 DER), with which `audit:verify` checks the checkpoints. */
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_PUBLIC_KEY?: string = undefined;

  /** How often the worker writes a checkpoint of every chain whose head moved. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86_400)
  AUDIT_CHECKPOINT_INTERVAL_SECONDS = 3_600;

  /** How often the worker verifies every chain from its last verified point forward (GET /audit/chains reports it). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  AUDIT_VERIFY_INTERVAL_SECONDS = 300;

  /** Entries the background verification reads per transaction: the longest snapshot it holds is one batch. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(100_000)
  AUDIT_VERIFY_BATCH_SIZE = 5_000;

  /** Every this many days, a valid chain's verification starts again from its first entry (0: only when restarted by hand). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_650)
  AUDIT_VERIFY_FULL_PASS_DAYS = 30;
}

export const CONFIG_NAMESPACES = {
  app: AppEnv,
  database: DatabaseEnv,
  redis: RedisEnv,
  auth: AuthEnv,
  mail: MailEnv,
  deadlines: DeadlinesEnv,
  documents: DocumentsEnv,
  licensing: LicensingEnv,
  escrow: EscrowEnv,
  events: EventsEnv,
  fees: FeesEnv,
  complaints: ComplaintsEnv,
  welfare: WelfareEnv,
  crypto: CryptoEnv,
  audit: AuditEnv,
} as const;

export type ConfigNamespaces = typeof CONFIG_NAMESPACES;
export type AppConfig = { [K in keyof ConfigNamespaces]: InstanceType<ConfigNamespaces[K]> };
