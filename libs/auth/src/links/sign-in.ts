import { EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import type { TokenPairView } from '../login/auth.dto';
import type { Role } from '../roles';
import { SessionService } from '../sessions/session.service';
import { TokenService } from '../tokens/token.service';

/**
 * Opens a session for an account that has just proved it holds its address and its password
 * (an email verified, an invitation accepted), as a sign-in would, audited as one.
 */
export async function signInAfterLink(
  m: EntityManager,
  deps: { sessions: SessionService; tokens: TokenService; audit: AuditLog },
  user: { id: string; role: Role },
  correlationId: string,
): Promise<TokenPairView> {
  const { session, refreshToken } = await deps.sessions.open(m, user.id);
  await deps.audit.append(m, {
    actor: { id: user.id, role: user.role },
    action: 'auth.login.succeeded',
    subjectType: 'user',
    subjectId: user.id,
    changes: { sessionId: session.id, via: 'link' },
    correlationId,
  });
  const access = deps.tokens.signAccessToken(user.id, session.id);
  return { tokenType: 'Bearer', accessToken: access.token, expiresIn: access.expiresIn, refreshToken };
}
