import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ConfigService } from '@app/common';

export interface AccessClaims {
  sub: string;
  sid: string;
}

/**
 * A UUID as Postgres reads one (hex digits in 8-4-4-4-12 groups): session and user ids are looked up
 * as uuid columns, and anything else would make the database refuse the query instead of finding no row.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The only algorithm accepted: a token claiming any other (or `none`) is refused. */
export const JWT_ALGORITHM = 'HS256' as const;

/**
 * Access tokens are short-lived JWTs naming the user and the session. Refresh tokens are
 * opaque: `<session id>.<256 random bits>`, of which only a SHA-256 is stored.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
  ) {}

  signAccessToken(userId: string, sessionId: string): { token: string; expiresIn: number } {
    const auth = this.config.get('auth');
    const token = this.jwt.sign(
      { sid: sessionId },
      {
        secret: auth.AUTH_JWT_SECRET,
        algorithm: JWT_ALGORITHM,
        subject: userId,
        issuer: auth.AUTH_JWT_ISSUER,
        audience: auth.AUTH_JWT_AUDIENCE,
        expiresIn: auth.AUTH_ACCESS_TTL_SECONDS,
      },
    );
    return { token, expiresIn: auth.AUTH_ACCESS_TTL_SECONDS };
  }

  async verifyAccessToken(token: string): Promise<AccessClaims> {
    const auth = this.config.get('auth');
    const claims = await this.jwt.verifyAsync<AccessClaims & { exp?: number }>(token, {
      secret: auth.AUTH_JWT_SECRET,
      algorithms: [JWT_ALGORITHM],
      issuer: auth.AUTH_JWT_ISSUER,
      audience: auth.AUTH_JWT_AUDIENCE,
    });
    if (!isUuid(claims.sub) || !isUuid(claims.sid) || typeof claims.exp !== 'number') {
      throw new Error('token lacks sub or sid as a UUID, or exp');
    }
    return { sub: claims.sub, sid: claims.sid };
  }

  newRefreshSecret(): { secret: string; hash: string } {
    const secret = randomBytes(32).toString('base64url');
    return { secret, hash: TokenService.hashSecret(secret) };
  }

  static hashSecret(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  }

  static sameHash(a: string, b: string): boolean {
    const x = Buffer.from(a, 'hex');
    const y = Buffer.from(b, 'hex');
    return x.length === y.length && timingSafeEqual(x, y);
  }

  static parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
    const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
    return match && isUuid(match[1]) ? { sessionId: match[1], secret: match[2] } : null;
  }
}
