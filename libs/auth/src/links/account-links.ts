import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, ConfigService, DomainException } from '@app/common';
import { AccountLink, AccountLinkPurpose } from './account-link.entity';

/** A link that does not open anything: unknown, already used, replaced by a newer one, or expired. All answer the same. */
export class InvalidLinkException extends DomainException {
  constructor() {
    super('invalid-link', 400, 'Invalid link', 'The link is not valid: it may have been used already, replaced by a newer one, or expired. Ask for a new one.');
  }
}

/** The web portal's page each kind of link opens. */
const PAGES: Record<AccountLinkPurpose, string> = {
  'verify-email': '/account/verify-email',
  'reset-password': '/account/reset-password',
  'staff-invitation': '/account/invitation',
  'agency-registration': '/agency/register/verify',
};

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export type NewLink = Pick<AccountLink, 'purpose'> &
  Partial<Pick<AccountLink, 'userId' | 'email' | 'passwordHash' | 'displayName' | 'preferredLanguage' | 'roles' | 'agencyId' | 'createdBy' | 'payload'>>;

/**
 * Single-use links mailed to an address: email verification, password reset, staff invitation.
 * The token is 256 random bits (base64url); the database keeps only its SHA-256, so neither a
 * dump nor the outbox (which holds the link sealed) opens anything. A link is used at most once:
 * `consume` marks it in the same statement that finds it.
 */
@Injectable()
export class AccountLinks {
  constructor(
    private readonly config: ConfigService,
    private readonly clock: Clock,
  ) {}

  /** How long a link of this purpose works, in ms. */
  lifetimeMs(purpose: AccountLinkPurpose): number {
    const auth = this.config.get('auth');
    if (purpose === 'verify-email' || purpose === 'agency-registration') return auth.AUTH_VERIFY_LINK_TTL_HOURS * 3_600_000;
    if (purpose === 'reset-password') return auth.AUTH_RESET_LINK_TTL_MINUTES * 60_000;
    return auth.AUTH_INVITATION_TTL_DAYS * 86_400_000;
  }

  /** Writes a new link in the caller's transaction; the URL (with the token) exists only in memory and in the sealed mail. */
  async issue(m: EntityManager, fields: NewLink): Promise<{ link: AccountLink; url: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const link = await m.save(
      AccountLink,
      m.create(AccountLink, {
        ...fields,
        tokenHash: hashToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.lifetimeMs(fields.purpose)),
        usedAt: null,
      }),
    );
    const base = this.config.get('auth').AUTH_LINK_BASE_URL.replace(/\/+$/, '');
    return { link, url: `${base}${PAGES[fields.purpose]}?token=${token}` };
  }

  /** The web portal's sign-in page (the welcome mail's link: it opens nothing by itself). */
  signInUrl(): string {
    return `${this.config.get('auth').AUTH_LINK_BASE_URL.replace(/\/+$/, '')}/sign-in`;
  }

  /** The open link of this purpose behind a token, without using it (null when there is none). */
  async peek(m: EntityManager, purpose: AccountLinkPurpose, token: string): Promise<AccountLink | null> {
    if (typeof token !== 'string' || !TOKEN.test(token)) return null;
    return m
      .createQueryBuilder(AccountLink, 'l')
      .setLock('pessimistic_write')
      .where('l.token_hash = :hash AND l.purpose = :purpose AND l.used_at IS NULL AND l.expires_at > :now', {
        hash: hashToken(token),
        purpose,
        now: this.clock.now(),
      })
      .getOne();
  }

  /** Uses the open link behind a token: it is marked used in the same statement, so two callers cannot both use it. */
  async consume(m: EntityManager, purpose: AccountLinkPurpose, token: string): Promise<AccountLink> {
    if (typeof token !== 'string' || !TOKEN.test(token)) throw new InvalidLinkException();
    const now = this.clock.now();
    const rows = (await m.query(
      `UPDATE account_link SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 RETURNING id`,
      [hashToken(token), purpose, now],
    )) as [{ id: string }[], number];
    const id = rows[0]?.[0]?.id;
    if (!id) throw new InvalidLinkException();
    return m.findOneByOrFail(AccountLink, { id });
  }

  /** Voids every open link of this purpose for an address or an account (a newer one replaces them, or one was used). */
  async voidOpen(m: EntityManager, purpose: AccountLinkPurpose, where: { email: string } | { userId: string }): Promise<number> {
    const [column, value] = 'email' in where ? ['email', where.email] : ['user_id', where.userId];
    const rows = (await m.query(`UPDATE account_link SET used_at = $3 WHERE ${column} = $1 AND purpose = $2 AND used_at IS NULL RETURNING id`, [
      value,
      purpose,
      this.clock.now(),
    ])) as [unknown[], number];
    return rows[1];
  }
}
