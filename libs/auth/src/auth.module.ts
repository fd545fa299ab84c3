import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { AuditModule } from '@app/audit';
import { ConfigService, REDIS } from '@app/common';
import { NotificationsModule } from '@app/notifications';
import { AccessGuard } from './access/access.guard';
import { AccountLinks } from './links/account-links';
import { LinkPasswords } from './links/link-passwords';
import { InvitationsService } from './links/invitations.service';
import { PasswordResetService } from './links/password-reset.service';
import { RegistrationService } from './links/registration.service';
import { AuthService } from './login/auth.service';
import { LoginThrottleGuard } from './login/login-throttle.guard';
import { PasswordCheckLimiter } from './login/password-check-limiter';
import { throttleOptions } from './login/throttle.config';
import { PasswordHasher } from './passwords/password-hasher';
import { SessionService } from './sessions/session.service';
import { TokenService } from './tokens/token.service';
import { UsersService } from './users/users.service';

/**
 * Identity and access for the API: accounts, sessions, tokens, the global access guard, the
 * sign-in rate limits, and the links mailed to verify an address, reset a password or accept an
 * invitation. Importing it makes every route of the application guarded. Needs libs/agencies'
 * implementation of the AgencyNames port (AgencyNamesModule, global, imported by the API's root).
 */
@Module({
  imports: [
    DiscoveryModule,
    AuditModule,
    NotificationsModule,
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, REDIS],
      useFactory: (config: ConfigService, redis: Redis) => throttleOptions({ auth: config.get('auth'), redis: config.get('redis') }, redis),
    }),
  ],
  providers: [
    PasswordHasher,
    TokenService,
    SessionService,
    AuthService,
    UsersService,
    AccountLinks,
    LinkPasswords,
    RegistrationService,
    PasswordResetService,
    InvitationsService,
    LoginThrottleGuard,
    PasswordCheckLimiter,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    AuthService,
    UsersService,
    SessionService,
    TokenService,
    LoginThrottleGuard,
    RegistrationService,
    PasswordResetService,
    InvitationsService,
    AccountLinks,
    LinkPasswords,
    PasswordHasher,
  ],
})
export class AuthModule {}
