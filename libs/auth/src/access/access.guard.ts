import { CanActivate, ExecutionContext, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DomainException } from '@app/common';
import { SessionService } from '../sessions/session.service';
import { TokenService } from '../tokens/token.service';
import { ACCESS_KEY, AccessDeclaration, AuthenticatedRequest } from './access.decorators';
import { listRouteAccess } from './route-declarations';

export class UnauthenticatedException extends DomainException {
  constructor(detail = 'Sign in to use this route.') {
    super('unauthenticated', 401, 'Unauthenticated', detail);
  }
}

export class ForbiddenRoleException extends DomainException {
  constructor() {
    super('forbidden', 403, 'Forbidden', 'Your role may not do this.');
  }
}

/**
 * The global guard. Every route declares who may call it (`@Public()`, `@Authenticated()` or
 * `@Roles(...)`); the application refuses to start while any route declares nothing.
 * A bearer token is checked (signature, algorithm, issuer, audience, expiry) and then its
 * session and user are re-read, so a disabled user or an ended session is refused at once.
 */
@Injectable()
export class AccessGuard implements CanActivate, OnApplicationBootstrap {
  constructor(
    private readonly reflector: Reflector,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {}

  onApplicationBootstrap(): void {
    const undeclared = listRouteAccess(this.discovery, this.scanner, this.reflector).filter((r) => !r.access);
    if (undeclared.length) {
      throw new Error(
        'Routes that do not declare who may call them (add @Public(), @Authenticated() or @Roles(...)):\n' +
          undeclared.map((r) => `  ${r.method} ${r.path} (${r.controller}.${r.handler})`).join('\n'),
      );
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<AccessDeclaration>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    // Unreachable after start-up (onApplicationBootstrap refuses), but never fail open.
    if (!access) throw new ForbiddenRoleException();

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined;

    if (access.kind === 'public') {
      // A public route may still serve a signed-in caller differently; a bad token there is ignored.
      if (token) request.user = (await this.authenticate(token).catch(() => null)) ?? undefined;
      return true;
    }
    if (!token) throw new UnauthenticatedException();
    const user = await this.authenticate(token);
    request.user = user;
    if (access.kind === 'roles' && !user.roles.some((r) => access.roles.includes(r))) throw new ForbiddenRoleException();
    return true;
  }

  private async authenticate(token: string) {
    const claims = await this.tokens.verifyAccessToken(token).catch(() => {
      throw new UnauthenticatedException('The access token is invalid or has expired.');
    });
    const user = await this.sessions.activeUserOf(claims.sid, claims.sub);
    if (!user) throw new UnauthenticatedException('The session has ended; sign in again.');
    return user;
  }
}
