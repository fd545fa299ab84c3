import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ConfigService } from '@app/common';
import type { AuthUser } from '../access/auth-user';
import { TokenService } from '../tokens/token.service';
import { User } from '../users/user.entity';
import { Session } from './session.entity';

export type RevokeReason = 'logout' | 'refresh-reuse' | 'disabled' | 'roles-changed' | 'password-changed' | 'password-reset' | 'expired';

export type RefreshOutcome =
  { ok: true; session: Session; refreshToken: string } | { ok: false; reason: 'malformed' | 'unknown' | 'ended' | 'reused'; session?: Session };

@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly config: ConfigService,
  ) {}

  private expiry(from = new Date()): Date {
    return new Date(from.getTime() + this.config.get('auth').AUTH_REFRESH_TTL_DAYS * 86_400_000);
  }

  async open(manager: EntityManager, userId: string): Promise<{ session: Session; refreshToken: string }> {
    const { secret, hash } = this.tokens.newRefreshSecret();
    const session = await manager.save(Session, manager.create(Session, { userId, refreshHash: hash, expiresAt: this.expiry() }));
    return { session, refreshToken: `${session.id}.${secret}` };
  }

  /**
   * Rotates a refresh token. The session row is locked, so two refreshes with the same token
   * cannot both succeed; a token that is not the current one means it was stolen or replayed,
   * and the whole session ends.
   */
  async rotate(manager: EntityManager, refreshToken: string): Promise<RefreshOutcome> {
    const parsed = TokenService.parseRefreshToken(refreshToken);
    if (!parsed) return { ok: false, reason: 'malformed' };
    const session = await manager.findOne(Session, { where: { id: parsed.sessionId }, lock: { mode: 'pessimistic_write' } });
    if (!session) return { ok: false, reason: 'unknown' };
    if (session.revokedAt || session.expiresAt <= new Date()) return { ok: false, reason: 'ended', session };
    if (!TokenService.sameHash(session.refreshHash, TokenService.hashSecret(parsed.secret))) {
      await this.revoke(manager, session.id, 'refresh-reuse');
      return { ok: false, reason: 'reused', session };
    }
    const { secret, hash } = this.tokens.newRefreshSecret();
    session.refreshHash = hash;
    session.expiresAt = this.expiry();
    await manager.update(Session, { id: session.id }, { refreshHash: hash, expiresAt: session.expiresAt });
    return { ok: true, session, refreshToken: `${session.id}.${secret}` };
  }

  async revoke(manager: EntityManager, sessionId: string, reason: RevokeReason): Promise<boolean> {
    const result = await manager.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: () => 'now()', revokedReason: reason });
    return (result.affected ?? 0) > 0;
  }

  /** Ends every open session of a user, except `keep` (the caller's own, on a password change). */
  async revokeAllOf(manager: EntityManager, userId: string, reason: RevokeReason, keep?: string): Promise<number> {
    const qb = manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keep) qb.andWhere('id <> :keep', { keep });
    return (await qb.execute()).affected ?? 0;
  }

  /** The user behind an open session, as the guard needs it; null when anything is off. */
  async activeUserOf(sessionId: string, userId: string): Promise<AuthUser | null> {
    const row = await this.db
      .createQueryBuilder(User, 'u')
      .innerJoin(Session, 's', 's.user_id = u.id')
      .select(['u.id AS id', 'u.roles AS roles', 'u.agency_id AS agency_id', 'u.preferred_language AS preferred_language'])
      .where('s.id = :sessionId AND u.id = :userId', { sessionId, userId })
      .andWhere('s.revoked_at IS NULL AND s.expires_at > now() AND u.active')
      .getRawOne<{ id: string; roles: AuthUser['roles']; agency_id: string | null; preferred_language: AuthUser['preferredLanguage'] }>();
    if (!row) return null;
    return { id: row.id, sessionId, roles: row.roles, agencyId: row.agency_id, preferredLanguage: row.preferred_language };
  }

  openSessionsOf(userId: string): Promise<number> {
    return this.db.getRepository(Session).count({ where: { userId, revokedAt: IsNull() } });
  }
}
