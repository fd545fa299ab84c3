import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Actor, Clock } from '@app/common';
import { Notifications, mailSecretLink } from '@app/notifications';
import { emailDigest } from '../login/auth.service';
import { RegistrationAcceptedView, TokenPairView } from '../login/auth.dto';
import { PasswordHasher } from '../passwords/password-hasher';
import { checkPassword } from '../passwords/password-policy';
import { SessionService } from '../sessions/session.service';
import { TokenService } from '../tokens/token.service';
import { RegisterWorkerDto, normaliseEmail } from '../users/user.dto';
import { User } from '../users/user.entity';
import { AccountLink } from './account-link.entity';
import { AccountLinks, InvalidLinkException } from './account-links';
import { LinkPasswords } from './link-passwords';
import { signInAfterLink } from './sign-in';

export const REGISTRATION_ACCEPTED: RegistrationAcceptedView = {
  status: 'accepted',
  message: 'If this email address can be registered, a link to confirm it is on its way: open it within the time it says, then sign in.',
};

/** How many of an address's pending registrations a resend looks at (each costs an argon2 verification). */
const RESEND_CANDIDATES = 5;

/**
 * Worker self-registration with email verification (docs/auth.md, "Registration").
 *
 * Registering creates no account: it mails a single-use link to the address and keeps the
 * registration (password hash, name, language) in the link's row. The account is created when
 * the link is opened with the same password, so an address belongs to whoever reads its mail:
 * registering someone else's address gives nothing, and never blocks its owner, whose own
 * registration goes on alongside (the first link used creates the account and voids the others).
 */
@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly links: AccountLinks,
    private readonly linkPasswords: LinkPasswords,
    private readonly notifications: Notifications,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /**
   * The answer is the same, and costs about the same (one argon2 hash), whether or not the address
   * already has an account: an address with an account gets no mail and nothing changes.
   */
  async register(dto: RegisterWorkerDto, actor: Actor): Promise<RegistrationAcceptedView> {
    checkPassword(dto.password, { email: dto.email });
    const email = normaliseEmail(dto.email);
    const passwordHash = await this.hasher.hash(dto.password);
    const preferredLanguage = dto.preferredLanguage ?? 'en';
    await this.db.transaction(async (m) => {
      if (await this.hasAccount(m, email)) {
        await this.audit.append(m, {
          actor: { role: 'anonymous' },
          action: 'user.registration.duplicate',
          subjectType: 'user',
          subjectId: null,
          changes: { emailDigest: emailDigest(email) },
          correlationId: actor.correlationId,
        });
        return;
      }
      const link = await this.mailLink(m, { email, passwordHash, displayName: dto.displayName, preferredLanguage });
      await this.audit.append(m, {
        actor: { role: 'anonymous' },
        action: 'user.registration.pending',
        subjectType: 'account_link',
        subjectId: link.id,
        changes: { emailDigest: emailDigest(email), preferredLanguage, expiresAt: link.expiresAt.toISOString() },
        correlationId: actor.correlationId,
      });
    });
    return REGISTRATION_ACCEPTED;
  }

  /**
   * A new link for a pending registration, found by address and password (so nobody else's
   * pending registration of the same address is ever re-sent to its owner). The answer is the
   * same whatever is found.
   */
  async resend(emailInput: string, password: string, actor: Actor): Promise<RegistrationAcceptedView> {
    const email = normaliseEmail(emailInput);
    const candidates = await this.db.getRepository(AccountLink).find({
      where: { purpose: 'verify-email', email },
      order: { createdAt: 'DESC' },
      take: RESEND_CANDIDATES,
    });
    const now = this.clock.now().getTime();
    const open = candidates.filter((l) => !l.usedAt && l.expiresAt.getTime() > now);
    let mine: AccountLink | undefined;
    for (const l of open) if (!mine && (await this.hasher.verify(l.passwordHash ?? undefined, password))) mine = l;
    // The same work when nothing matches: one argon2 verification at least.
    if (!open.length) await this.hasher.verify(undefined, password);
    if (!mine) return REGISTRATION_ACCEPTED;
    const old = mine;
    await this.db.transaction(async (m) => {
      const voided = await m.query(`UPDATE account_link SET used_at = $2 WHERE id = $1 AND used_at IS NULL RETURNING id`, [old.id, this.clock.now()]);
      if (!(voided as [unknown[], number])[1] || (await this.hasAccount(m, email))) return;
      const link = await this.mailLink(m, {
        email,
        passwordHash: old.passwordHash!,
        displayName: old.displayName!,
        preferredLanguage: old.preferredLanguage ?? 'en',
      });
      await this.audit.append(m, {
        actor: { role: 'anonymous' },
        action: 'user.verification.resent',
        subjectType: 'account_link',
        subjectId: link.id,
        changes: { replaces: old.id, expiresAt: link.expiresAt.toISOString() },
        correlationId: actor.correlationId,
      });
    });
    return REGISTRATION_ACCEPTED;
  }

  /**
   * Opens a verification link with the password chosen at registration: the account is created
   * (its address verified), every other pending registration of the address is voided, and the
   * caller is signed in. A wrong password leaves the link usable (401 `invalid-credentials`), so
   * the owner of an address cannot be made to confirm a registration someone else made with it.
   */
  async verify(token: string, password: string, actor: Actor): Promise<TokenPairView> {
    await this.linkPasswords.check('verify-email', token, password, 'user.verification.failed', actor.correlationId);
    return this.db.transaction(async (m) => {
      const link = await this.links.consume(m, 'verify-email', token);
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({
          email: link.email!,
          passwordHash: link.passwordHash!,
          displayName: link.displayName!,
          preferredLanguage: link.preferredLanguage ?? 'en',
          roles: ['worker'],
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      // The address got an account meanwhile (another registration verified first, or an admin).
      if (!id) throw new InvalidLinkException();
      const voided = await this.links.voidOpen(m, 'verify-email', { email: link.email! });
      await this.audit.append(m, {
        actor: { id, role: 'worker' },
        action: 'user.email.verified',
        subjectType: 'user',
        subjectId: id,
        changes: { roles: ['worker'], preferredLanguage: link.preferredLanguage ?? 'en', linkId: link.id, otherRegistrationsVoided: voided },
        correlationId: actor.correlationId,
      });
      // The welcome, in the language chosen at registration, in the transaction that made the account.
      await this.notifications.enqueue(m, {
        to: { user: id },
        template: 'account.welcome',
        language: link.preferredLanguage ?? 'en',
        data: { displayName: link.displayName!, signInUrl: this.links.signInUrl() },
        dedupKey: `account.welcome:${id}`,
      });
      return signInAfterLink(m, { sessions: this.sessions, tokens: this.tokens, audit: this.audit }, { id, role: 'worker' }, actor.correlationId);
    });
  }

  private async mailLink(
    m: EntityManager,
    r: { email: string; passwordHash: string; displayName: string; preferredLanguage: AccountLink['preferredLanguage'] & string },
  ): Promise<AccountLink> {
    const { link, url } = await this.links.issue(m, { purpose: 'verify-email', ...r });
    await this.notifications.enqueue(m, {
      // No account before the link is opened: the address, sealed in the outbox.
      to: { address: r.email },
      template: 'account.verify-email',
      language: r.preferredLanguage,
      data: { displayName: r.displayName, verifyUrl: mailSecretLink(url), validHours: this.links.lifetimeMs('verify-email') / 3_600_000 },
      dedupKey: `account.verify-email:${link.id}`,
    });
    return link;
  }

  private async hasAccount(m: EntityManager, email: string): Promise<boolean> {
    const [{ exists }] = (await m.query('SELECT EXISTS (SELECT 1 FROM app_user WHERE email = $1) AS exists', [email])) as { exists: boolean }[];
    return exists;
  }
}
