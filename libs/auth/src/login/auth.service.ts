import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Actor, DomainException } from '@app/common';
import { UnauthenticatedException } from '../access/access.guard';
import { auditActor } from '../audit-actor';
import { PasswordHasher } from '../passwords/password-hasher';
import { checkPassword } from '../passwords/password-policy';
import { SessionService } from '../sessions/session.service';
import { TokenService } from '../tokens/token.service';
import { normaliseEmail } from '../users/user.dto';
import { User } from '../users/user.entity';
import { TokenPairView } from './auth.dto';
import { PasswordCheckLimiter } from './password-check-limiter';

export class InvalidCredentialsException extends DomainException {
  constructor() {
    super('invalid-credentials', 401, 'Invalid credentials', 'The email or password is not right.');
  }
}

/** A stable pseudonym for an email in the audit log: lets investigators correlate attempts without storing the address. */
export const emailDigest = (email: string) => createHash('sha256').update(normaliseEmail(email)).digest('hex').slice(0, 16);

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly audit: AuditLog,
    private readonly passwordChecks: PasswordCheckLimiter,
  ) {}

  /** Unknown email, wrong password and disabled account all answer the same, after the same work. */
  async login(emailInput: string, password: string, actor: Actor): Promise<TokenPairView> {
    const email = normaliseEmail(emailInput);
    const user = await this.db.getRepository(User).findOne({ where: { email } });
    const passwordOk = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !passwordOk || !user.active) {
      await this.db.transaction((m) =>
        this.audit.append(m, {
          actor: { role: 'anonymous' },
          action: 'auth.login.failed',
          subjectType: 'user',
          subjectId: user?.id ?? null,
          changes: { reason: !user ? 'unknown-email' : !passwordOk ? 'wrong-password' : 'disabled', emailDigest: emailDigest(email) },
          correlationId: actor.correlationId,
        }),
      );
      throw new InvalidCredentialsException();
    }
    return this.db.transaction(async (m) => {
      const { session, refreshToken } = await this.sessions.open(m, user.id);
      await this.audit.append(m, {
        actor: { id: user.id, role: user.roles[0] },
        action: 'auth.login.succeeded',
        subjectType: 'user',
        subjectId: user.id,
        changes: { sessionId: session.id },
        correlationId: actor.correlationId,
      });
      return this.pair(user.id, session.id, refreshToken);
    });
  }

  /**
   * Exchanges a refresh token for a new pair. The outcome is committed before answering, so a
   * replayed token's revocation of the session holds even though the caller gets 401.
   */
  async refresh(refreshToken: string, actor: Actor): Promise<TokenPairView> {
    const outcome = await this.db.transaction(async (m) => {
      const result = await this.sessions.rotate(m, refreshToken);
      if (!result.ok && result.reason === 'reused' && result.session) {
        await this.audit.append(m, {
          actor: { role: 'anonymous' },
          action: 'auth.refresh.reused',
          subjectType: 'session',
          subjectId: result.session.id,
          changes: { userId: result.session.userId, sessionRevoked: true },
          correlationId: actor.correlationId,
        });
      }
      return result;
    });
    if (!outcome.ok) throw new UnauthenticatedException('The refresh token is not valid; sign in again.');
    const user = await this.sessions.activeUserOf(outcome.session.id, outcome.session.userId);
    if (!user) throw new UnauthenticatedException('The session has ended; sign in again.');
    return this.pair(outcome.session.userId, outcome.session.id, outcome.refreshToken);
  }

  async logout(actor: Actor): Promise<void> {
    const sessionId = actor.sessionId!;
    await this.db.transaction(async (m) => {
      await this.sessions.revoke(m, sessionId, 'logout');
      await this.audit.append(m, {
        actor: auditActor(actor),
        action: 'auth.logout',
        subjectType: 'session',
        subjectId: sessionId,
        correlationId: actor.correlationId,
      });
    });
  }

  /**
   * Changes the caller's password and ends every other session of theirs. Wrong current passwords
   * are limited like sign-in attempts (PasswordCheckLimiter: 429 past the limit, before verifying).
   */
  async changePassword(currentPassword: string, newPassword: string, actor: Actor): Promise<void> {
    const me = { id: actor.userId!, sessionId: actor.sessionId! };
    const user = await this.db.getRepository(User).findOneByOrFail({ id: me.id });
    const attempt = await this.passwordChecks.reserve(me.id, actor.ip ?? '');
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      await this.db.transaction((m) =>
        this.audit.append(m, {
          actor: auditActor(actor),
          action: 'user.password.change.refused',
          subjectType: 'user',
          subjectId: me.id,
          changes: { reason: 'wrong-current-password' },
          correlationId: actor.correlationId,
        }),
      );
      throw new DomainException('wrong-current-password', 400, 'Wrong current password', 'The current password is not right.', {
        errors: [{ field: 'currentPassword', rule: 'matchesCurrent', message: 'is not your current password' }],
      });
    }
    await attempt.succeeded();
    checkPassword(newPassword, { field: 'newPassword', email: user.email });
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (m) => {
      await m.update(User, { id: me.id }, { passwordHash });
      const ended = await this.sessions.revokeAllOf(m, me.id, 'password-changed', me.sessionId);
      await this.audit.append(m, {
        actor: auditActor(actor),
        action: 'user.password.changed',
        subjectType: 'user',
        subjectId: me.id,
        changes: { otherSessionsEnded: ended },
        correlationId: actor.correlationId,
      });
    });
  }

  private pair(userId: string, sessionId: string, refreshToken: string): TokenPairView {
    const access = this.tokens.signAccessToken(userId, sessionId);
    return { tokenType: 'Bearer', accessToken: access.token, expiresIn: access.expiresIn, refreshToken };
  }
}
