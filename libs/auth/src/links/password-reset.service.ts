import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Notifications, mailSecretLink } from '@app/notifications';
import { emailDigest } from '../login/auth.service';
import { PasswordResetAcceptedView } from '../login/auth.dto';
import { PasswordHasher } from '../passwords/password-hasher';
import { checkPassword } from '../passwords/password-policy';
import { SessionService } from '../sessions/session.service';
import { normaliseEmail } from '../users/user.dto';
import { User } from '../users/user.entity';
import { AccountLinks, InvalidLinkException } from './account-links';
import type { Actor } from '@app/common';

export const PASSWORD_RESET_ACCEPTED: PasswordResetAcceptedView = {
  status: 'accepted',
  message: 'If an account has this email address, a link to choose a new password is on its way.',
};

/**
 * Forgotten passwords (docs/auth.md, "Password reset"): a single-use link mailed to the
 * account's address, in its language; choosing the new password ends every session of the account.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly links: AccountLinks,
    private readonly notifications: Notifications,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * The answer is the same whether or not the address has an account (and whether it is
   * disabled: a disabled account gets no link). A new link voids the account's earlier ones.
   */
  async request(emailInput: string, actor: Actor): Promise<PasswordResetAcceptedView> {
    const email = normaliseEmail(emailInput);
    await this.db.transaction(async (m) => {
      const user = await m.findOne(User, { where: { email } });
      if (!user || !user.active) {
        await this.audit.append(m, {
          actor: { role: 'anonymous' },
          action: 'user.password.reset.refused',
          subjectType: 'user',
          subjectId: user?.id ?? null,
          changes: { reason: user ? 'disabled' : 'unknown-email', emailDigest: emailDigest(email) },
          correlationId: actor.correlationId,
        });
        return;
      }
      const replaced = await this.links.voidOpen(m, 'reset-password', { userId: user.id });
      const { link, url } = await this.links.issue(m, { purpose: 'reset-password', userId: user.id });
      await this.notifications.enqueue(m, {
        to: { user: user.id },
        template: 'account.password-reset',
        language: user.preferredLanguage,
        data: { displayName: user.displayName, resetUrl: mailSecretLink(url), validMinutes: this.links.lifetimeMs('reset-password') / 60_000 },
        dedupKey: `account.password-reset:${link.id}`,
      });
      await this.audit.append(m, {
        actor: { role: 'anonymous' },
        action: 'user.password.reset.requested',
        subjectType: 'user',
        subjectId: user.id,
        changes: { linkId: link.id, expiresAt: link.expiresAt.toISOString(), earlierLinksVoided: replaced },
        correlationId: actor.correlationId,
      });
    });
    return PASSWORD_RESET_ACCEPTED;
  }

  /** Sets the new password and ends every session of the account (the caller signs in afresh). */
  async confirm(token: string, newPassword: string, actor: Actor): Promise<void> {
    checkPassword(newPassword, { field: 'newPassword' });
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (m) => {
      const link = await this.links.consume(m, 'reset-password', token);
      const user = await m.findOne(User, { where: { id: link.userId! }, lock: { mode: 'pessimistic_write' } });
      if (!user || !user.active) throw new InvalidLinkException();
      // The account's own address is known only now (a refusal rolls the link's use back).
      checkPassword(newPassword, { field: 'newPassword', email: user.email });
      await m.update(User, { id: user.id }, { passwordHash });
      const ended = await this.sessions.revokeAllOf(m, user.id, 'password-reset');
      await this.links.voidOpen(m, 'reset-password', { userId: user.id });
      await this.audit.append(m, {
        actor: { id: user.id, role: user.roles[0] },
        action: 'user.password.reset',
        subjectType: 'user',
        subjectId: user.id,
        changes: { linkId: link.id, sessionsEnded: ended },
        correlationId: actor.correlationId,
      });
    });
  }
}
